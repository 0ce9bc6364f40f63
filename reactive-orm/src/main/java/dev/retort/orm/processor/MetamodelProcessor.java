package dev.retort.orm.processor;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Names;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.mapping.Transient;
import dev.retort.orm.mapping.Version;
import dev.retort.orm.mapping.WriteOnly;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Writes the typed metamodel of every {@link Entity} class javac compiles, so statements name
 * columns as {@code User_.NAME} (a real {@code Column<String>}) instead of by string, and loader
 * options name relationships as {@code User_.POSTS} (a real {@code Relation<User, Post>}).
 *
 * <p><b>When it runs.</b> javac finds this processor through
 * {@code META-INF/services/javax.annotation.processing.Processor} in any compilation that has
 * {@code reactive-orm} on its class path (or processor path) and calls {@link #process} once per
 * round with that round's {@code @Entity} classes. It only reads the source model and writes
 * source files; the generated constants call {@link Metamodel#column} and
 * {@link Metamodel#relation} when the generated class is initialised, which maps the entity then,
 * so each constant is the very column or relationship of the runtime mapping.
 *
 * <p><b>Names.</b> The metamodel lives in the entity's package: {@code User} gets {@code User_}; a
 * nested {@code Outer.Inner} gets {@code Outer_Inner_} (the simple names of the enclosing classes
 * and the class joined by {@code _}, then a trailing {@code _}). A constant is its field's name in
 * upper snake case, split where column names split ({@code createdAt} → {@code CREATED_AT},
 * {@code userID} → {@code USER_ID}, {@code x2y} → {@code X2Y}). A column constant's type argument
 * is the field's type, fully qualified with its type arguments, primitives boxed; a relationship
 * constant's are the entity and the target class as the metamodel's package names them
 * ({@code Relation<User, Post>}, {@code Relation<User, User.Address>}).
 *
 * <p><b>Fields.</b> One constant per field the runtime maps, in the runtime's order: the fields of
 * the class and its superclasses below {@code Object}, superclass fields first, leaving out
 * static, {@code transient}, synthetic and {@link Transient} fields. Fields whose declared type is
 * exactly {@link ToOne}, {@link ToMany} or {@link WriteOnly} are relationships, not columns: the
 * column constants come first, then the relationship constants, each group in that field order
 * (as the runtime lists its mapped fields, then its relationship fields), so the two kinds of
 * constant read as two blocks.
 *
 * <p><b>Problems.</b> What the runtime mapping would reject on first use is a compile error on the
 * class or field to blame, with the runtime's message: no {@link Id} field; {@link GeneratedValue}
 * on a field that is not an {@code @Id} or not integral; {@link Version} on an {@code @Id} or on a
 * type other than {@code int}, {@code long}, {@code Integer}, {@code Long}; a class that is
 * abstract, an interface, a record or an enum; an inner (non-static nested) class; a final column
 * field; {@link Relationship} on a field that is not a relationship; a relationship field without
 * a class as type argument (raw, a wildcard, a type variable, a parameterized type), with a target
 * that is not an {@code @Entity}, or annotated {@link Column}, {@link Id} or {@link ForeignKey}.
 * Relationship fields get none of the column checks (they are final, as their holders are created
 * with the owner). The runtime's checks that need the other classes' mappings (the foreign key
 * joining the two classes, {@code backPopulates}, {@code secondary}, {@code orderBy}) are not
 * repeated here. Two fields whose constants would have one name are an error too, columns and
 * relationships alike. A private entity, or a field type the generated class could not name from
 * its package, is a warning (the runtime maps such classes). No metamodel is written for a class
 * with any of these.
 */
public final class MetamodelProcessor extends AbstractProcessor {

    private static final Set<TypeKind> INTEGRAL = EnumSet.of(TypeKind.INT, TypeKind.LONG, TypeKind.SHORT);
    private static final Set<TypeKind> VERSION_KINDS = EnumSet.of(TypeKind.INT, TypeKind.LONG);
    private static final Map<String, TypeKind> UNBOXED = Map.of(
            Integer.class.getName(), TypeKind.INT, Long.class.getName(), TypeKind.LONG, Short.class.getName(), TypeKind.SHORT);

    /** The relationship holders: a field declared with exactly one of these types is a relationship, not a column. */
    private static final Set<String> HOLDERS = Set.of(ToOne.class.getName(), ToMany.class.getName(), WriteOnly.class.getName());

    /**
     * Simple names {@link #HEADER} may import; a class whose outermost class has one of them is
     * named by its qualified name.
     */
    private static final Set<String> IMPORTED = Set.of("Column", "Metamodel", "Relation", "Generated");

    /**
     * A generated file after its package declaration: the header (its {@code Relation} import and
     * its comment's wording only when the entity has relationships), a constant per mapped field,
     * the footer.
     */
    private static final String HEADER = """
            import dev.retort.core.schema.Column;
            import dev.retort.orm.mapping.Metamodel;
            %simport javax.annotation.processing.Generated;

            /** Typed columns%s of {@link %s}, generated by Retort's metamodel processor. */
            @Generated("%s")
            public final class %s {
            """;
    private static final String RELATION_IMPORT = "import " + Relation.class.getName() + ";\n";
    private static final String CONSTANT = """

                /** Column of {@link %s#%s}. */
                public static final Column<%s> %s = Metamodel.column(%s.class, "%s");
            """;
    private static final String RELATION_CONSTANT = """

                /** Relationship of {@link %s#%s}. */
                public static final Relation<%s> %s = Metamodel.relation(%s.class, "%s");
            """;
    private static final String FOOTER = """

                private %s() {
                }
            }
            """;

    /**
     * One constant of a metamodel: the mapped field, the constant's name, whether the field is a
     * relationship, and the field's type as a member of the entity: for a column its Java type
     * (boxed), for a relationship the holder type ({@code ToMany<Post>}).
     */
    private record Constant(VariableElement field, String name, boolean relationship, TypeMirror type) {
    }

    /** A message for javac's {@link javax.annotation.processing.Messager}. */
    private record Problem(Diagnostic.Kind kind, Element element, String message) {
    }

    /**
     * Processor option: {@code -Aretort.metamodel.problems=warning} reports mapping problems as
     * warnings instead of errors (still writing no metamodel for those classes); for test sources
     * that define invalid entities on purpose. The default is {@code error}.
     */
    public static final String PROBLEMS_OPTION = "retort.metamodel.problems";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(PROBLEMS_OPTION);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Entity.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** Checks each {@code @Entity} class of the round and writes its metamodel when it has no problem; claims nothing. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement entity : ElementFilter.typesIn(round.getElementsAnnotatedWith(Entity.class))) {
            List<Constant> constants = constants(entity);
            List<Problem> problems = problems(entity, constants);
            problems.forEach(problem -> processingEnv.getMessager().printMessage(problem.kind(), problem.message(), problem.element()));
            if (problems.isEmpty()) {
                write(entity, constants);
            }
        }
        return false;
    }

    // ---- fields ---------------------------------------------------------------------------------

    /**
     * The constants of {@code entity}: its column fields ({@code EntityIntrospector.mappedFields}),
     * then its relationship fields ({@code EntityIntrospector.relationFields}).
     */
    private List<Constant> constants(TypeElement entity) {
        List<VariableElement> fields = declaredFields(entity);
        return Stream.concat(fields.stream().filter(field -> !isRelationship(field)), fields.stream().filter(this::isRelationship))
                .map(field -> constant(entity, field))
                .toList();
    }

    /** The fields the runtime looks at, columns and relationships, superclass fields first. */
    private List<VariableElement> declaredFields(TypeElement entity) {
        Deque<TypeElement> chain = new ArrayDeque<>();
        for (TypeElement type = entity; type != null; type = superclassBelowObject(type)) {
            chain.addFirst(type);
        }
        return chain.stream()
                .flatMap(type -> ElementFilter.fieldsIn(type.getEnclosedElements()).stream())
                .filter(this::isMapped)
                .toList();
    }

    private static @Nullable TypeElement superclassBelowObject(TypeElement type) {
        if (type.getSuperclass().getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement superclass = (TypeElement) ((DeclaredType) type.getSuperclass()).asElement();
        return superclass.getQualifiedName().contentEquals(Object.class.getName()) ? null : superclass;
    }

    private boolean isMapped(VariableElement field) {
        Set<Modifier> modifiers = field.getModifiers();
        return !modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)
                && elements().getOrigin(field) != Elements.Origin.SYNTHETIC
                && field.getAnnotation(Transient.class) == null;
    }

    /** Whether {@code field} is declared as exactly {@code ToOne}, {@code ToMany} or {@code WriteOnly} (with or without type argument). */
    private boolean isRelationship(VariableElement field) {
        TypeMirror type = types().erasure(field.asType());
        return type.getKind() == TypeKind.DECLARED
                && HOLDERS.contains(((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
    }

    /** The constant of {@code field}, typed as a member of {@code entity} (so a superclass's type variables are resolved). */
    private Constant constant(TypeElement entity, VariableElement field) {
        TypeMirror type = types().asMemberOf((DeclaredType) entity.asType(), field);
        TypeMirror boxed = type.getKind().isPrimitive() ? types().boxedClass((PrimitiveType) type).asType() : type;
        return new Constant(field, constantName(field.getSimpleName().toString()), isRelationship(field), boxed);
    }

    /** {@code createdAt} → {@code CREATED_AT}: the default column name, upper-cased. */
    private static String constantName(String fieldName) {
        return Names.snakeCase(fieldName).toUpperCase(Locale.ROOT);
    }

    // ---- problems -------------------------------------------------------------------------------

    /**
     * Every problem of {@code entity}; a class that is not a concrete class gets that one only (its
     * fields are not looked at, as the runtime rejects it first).
     */
    private List<Problem> problems(TypeElement entity, List<Constant> constants) {
        if (entity.getKind() != ElementKind.CLASS || entity.getModifiers().contains(Modifier.ABSTRACT)) {
            return List.of(error(entity, "an entity must be a concrete, mutable class (not an interface, abstract class, record or enum)"));
        }
        List<Problem> problems = new ArrayList<>();
        if (entity.getNestingKind() == NestingKind.MEMBER && !entity.getModifiers().contains(Modifier.STATIC)) {
            problems.add(error(entity, "an inner class needs an outer instance; make it a static nested class"));
        }
        if (constants.stream().noneMatch(constant -> !constant.relationship() && constant.field().getAnnotation(Id.class) != null)) {
            problems.add(error(entity, "it has no @Id field"));
        }
        Map<String, VariableElement> byName = new HashMap<>();
        for (Constant constant : constants) {
            problems.addAll(constant.relationship() ? relationshipProblems(constant.field()) : fieldProblems(constant.field()));
            VariableElement clash = byName.putIfAbsent(constant.name(), constant.field());
            if (clash != null) {
                problems.add(error(constant.field(), "its metamodel constant " + constant.name() + " is already the constant of field '"
                        + clash.getSimpleName() + "'"));
            }
        }
        problems.addAll(visibilityProblems(entity, constants));
        return problems;
    }

    /** The runtime's checks of one column field's annotations and modifiers. */
    private List<Problem> fieldProblems(VariableElement field) {
        List<Problem> problems = new ArrayList<>();
        boolean id = field.getAnnotation(Id.class) != null;
        boolean generated = field.getAnnotation(GeneratedValue.class) != null;
        TypeMirror type = types().erasure(field.asType());
        TypeKind kind = type.getKind() == TypeKind.DECLARED
                ? UNBOXED.getOrDefault(((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString(), TypeKind.DECLARED)
                : type.getKind();
        if (field.getAnnotation(Relationship.class) != null) {
            problems.add(error(field, "@Relationship needs a ToOne, ToMany or WriteOnly field, not " + simpleName(type)
                    + " (e.g. `final ToMany<Post> posts = ToMany.of(this)`)"));
        }
        if (generated && !id) {
            problems.add(error(field, "@GeneratedValue is for @Id fields"));
        }
        if (generated && !INTEGRAL.contains(kind)) {
            problems.add(error(field, "@GeneratedValue needs an integral type (int, long, short or boxed), not " + sourceName(type)));
        }
        if (field.getAnnotation(Version.class) != null && (id || !VERSION_KINDS.contains(kind))) {
            problems.add(error(field, "@Version needs an int, long, Integer or Long field that is not an @Id"));
        }
        if (field.getModifiers().contains(Modifier.FINAL)) {
            problems.add(error(field, "a mapped field cannot be final (the session writes loaded values into it)"));
        }
        return problems;
    }

    /**
     * The runtime's checks of one relationship field ({@code EntityIntrospector.relationPlan}): its
     * type argument is a class (as the field is declared; the runtime reads it without resolving a
     * superclass's type variables), that class is an {@code @Entity}, and the field carries no
     * column annotation.
     */
    private List<Problem> relationshipProblems(VariableElement field) {
        List<Problem> problems = new ArrayList<>();
        DeclaredType holder = (DeclaredType) field.asType();
        List<? extends TypeMirror> arguments = holder.getTypeArguments();
        @Nullable TypeMirror target = arguments.isEmpty() ? null : arguments.get(0);
        if (target == null || !isClass(target)) {
            problems.add(error(field, "a relationship field needs its target class as type argument, e.g. "
                    + holder.asElement().getSimpleName() + "<Post>"));
        } else if (target.getKind() != TypeKind.DECLARED || ((DeclaredType) target).asElement().getAnnotation(Entity.class) == null) {
            problems.add(error(field, "its target " + runtimeName(target) + " is not an @Entity"));
        }
        if (field.getAnnotation(Column.class) != null || field.getAnnotation(Id.class) != null
                || field.getAnnotation(ForeignKey.class) != null) {
            problems.add(error(field, "a relationship field is not a column; put @Column, @Id and @ForeignKey on the"
                    + " foreign-key field and name it in @Relationship(foreignKey = …) if needed"));
        }
        return problems;
    }

    /**
     * Whether {@code type}, as a type argument, is a {@code Class} to reflection (rather than a
     * wildcard, type variable or parameterized type): a class without type arguments, or an array.
     */
    private static boolean isClass(TypeMirror type) {
        return type.getKind() == TypeKind.ARRAY
                || type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).getTypeArguments().isEmpty();
    }

    /** Warnings for classes the metamodel could not name from the entity's package (it would not compile). */
    private List<Problem> visibilityProblems(TypeElement entity, List<Constant> constants) {
        PackageElement from = elements().getPackageOf(entity);
        List<Problem> problems = new ArrayList<>();
        if (!isVisible(entity, from)) {
            problems.add(warning(entity, metamodelName(entity) + " cannot name it (it is private or nested in a private class); make it package-private"));
        }
        for (Constant constant : constants) {
            namedClasses(constant.type()).filter(type -> !isVisible(type, from)).distinct().forEach(type ->
                    problems.add(warning(constant.field(), "its type names " + type.getQualifiedName() + ", which "
                            + metamodelName(entity) + " cannot name from package " + from.getQualifiedName())));
        }
        return problems;
    }

    /** Whether code in {@code from} (not a subclass) may name {@code type}. */
    private boolean isVisible(TypeElement type, PackageElement from) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> modifiers = e.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || !modifiers.contains(Modifier.PUBLIC) && !elements().getPackageOf(e).equals(from)) {
                return false;
            }
        }
        return true;
    }

    /** The classes {@code type} names, in its type arguments and bounds too. */
    private Stream<TypeElement> namedClasses(TypeMirror type) {
        return switch (type.getKind()) {
            case ARRAY -> namedClasses(((ArrayType) type).getComponentType());
            case DECLARED -> Stream.concat(Stream.of((TypeElement) ((DeclaredType) type).asElement()),
                    ((DeclaredType) type).getTypeArguments().stream().flatMap(this::namedClasses));
            case TYPEVAR -> namedClasses(types().erasure(type));
            case WILDCARD -> Stream.of(((WildcardType) type).getExtendsBound(), ((WildcardType) type).getSuperBound())
                    .filter(Objects::nonNull)
                    .flatMap(this::namedClasses);
            default -> Stream.empty();
        };
    }

    private Problem error(Element blamed, String problem) {
        boolean warn = "warning".equals(processingEnv.getOptions().get(PROBLEMS_OPTION));
        return new Problem(warn ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR, blamed, "Cannot map " + runtimeName(blamed) + ": " + problem);
    }

    private Problem warning(Element blamed, String problem) {
        return new Problem(Diagnostic.Kind.WARNING, blamed, "No metamodel for " + runtimeName(blamed) + ": " + problem);
    }

    /** A class or field named as runtime errors name it: {@code com.example.Outer$Inner}, {@code com.example.User.name}. */
    private String runtimeName(Element element) {
        return element instanceof TypeElement type
                ? elements().getBinaryName(type).toString()
                : runtimeName(element.getEnclosingElement()) + "." + element.getSimpleName();
    }

    /**
     * A relationship target named as {@code Class.getName()} names it for a class
     * ({@code com.example.Outer$Inner}); an array in source form ({@code com.example.Post[]}).
     */
    private String runtimeName(TypeMirror target) {
        return target.getKind() == TypeKind.DECLARED ? runtimeName(((DeclaredType) target).asElement()) : sourceName(target);
    }

    /** An erased type as {@code Class.getSimpleName()} names it: {@code List}, {@code Inner}, {@code int}, {@code Post[]}. */
    private static String simpleName(TypeMirror erased) {
        return switch (erased.getKind()) {
            case ARRAY -> simpleName(((ArrayType) erased).getComponentType()) + "[]";
            case DECLARED -> ((DeclaredType) erased).asElement().getSimpleName().toString();
            default -> erased.getKind().isPrimitive() ? erased.getKind().name().toLowerCase(Locale.ROOT) : erased.toString();
        };
    }

    // ---- writing --------------------------------------------------------------------------------

    private void write(TypeElement entity, List<Constant> constants) {
        PackageElement pkg = elements().getPackageOf(entity);
        String name = pkg.isUnnamed() ? metamodelName(entity) : pkg.getQualifiedName() + "." + metamodelName(entity);
        Element[] origins = Stream.concat(Stream.of(entity), constants.stream().map(constant -> constant.field().getEnclosingElement()))
                .distinct()
                .toArray(Element[]::new);
        try (Writer out = processingEnv.getFiler().createSourceFile(name, origins).openWriter()) {
            out.write(source(entity, pkg, constants));
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + name + ": " + e.getMessage(), entity);
        }
    }

    private String source(TypeElement entity, PackageElement pkg, List<Constant> constants) {
        String entityName = sourceName(entity, pkg);
        boolean relationships = constants.stream().anyMatch(Constant::relationship);
        StringBuilder out = new StringBuilder();
        if (!pkg.isUnnamed()) {
            out.append("package ").append(pkg.getQualifiedName()).append(";\n\n");
        }
        out.append(HEADER.formatted(relationships ? RELATION_IMPORT : "", relationships ? " and relationships" : "", entityName,
                MetamodelProcessor.class.getName(), metamodelName(entity)));
        for (Constant constant : constants) {
            String field = constant.field().getSimpleName().toString();
            String declaringClass = sourceName((TypeElement) constant.field().getEnclosingElement(), pkg);
            String typeArguments = constant.relationship() ? entityName + ", " + targetName(constant, pkg) : sourceName(constant.type());
            String template = constant.relationship() ? RELATION_CONSTANT : CONSTANT;
            out.append(template.formatted(declaringClass, field, typeArguments, constant.name(), entityName, field));
        }
        return out.append(FOOTER.formatted(metamodelName(entity))).toString();
    }

    /** How the metamodel in {@code pkg} names a relationship's target: {@code Post}, {@code User.Address}, {@code com.other.Tag}. */
    private String targetName(Constant relationship, PackageElement pkg) {
        TypeMirror target = ((DeclaredType) relationship.type()).getTypeArguments().get(0);
        return sourceName((TypeElement) ((DeclaredType) target).asElement(), pkg);
    }

    /** {@code User_} for {@code User}, {@code Outer_Inner_} for {@code Outer.Inner}. */
    private static String metamodelName(TypeElement entity) {
        StringBuilder name = new StringBuilder().append(entity.getSimpleName()).append('_');
        for (Element e = entity.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            name.insert(0, e.getSimpleName() + "_");
        }
        return name.toString();
    }

    /**
     * How the metamodel in {@code pkg} names {@code type}: {@code Outer.Inner} for a class of its
     * own package, the qualified name for other packages and where an import would shadow it.
     */
    private String sourceName(TypeElement type, PackageElement pkg) {
        String qualified = type.getQualifiedName().toString();
        if (pkg.isUnnamed() || !elements().getPackageOf(type).equals(pkg)) {
            return qualified;
        }
        String relative = qualified.substring(pkg.getQualifiedName().length() + 1);
        String outermost = relative.contains(".") ? relative.substring(0, relative.indexOf('.')) : relative;
        return IMPORTED.contains(outermost) ? qualified : relative;
    }

    /** {@code type} as source: fully qualified, with its type arguments; type variables erased to their bound. */
    private String sourceName(TypeMirror type) {
        return switch (type.getKind()) {
            case ARRAY -> sourceName(((ArrayType) type).getComponentType()) + "[]";
            case DECLARED -> declaredName((DeclaredType) type);
            case TYPEVAR -> sourceName(types().erasure(type));
            case WILDCARD -> wildcardName((WildcardType) type);
            default -> type.getKind().isPrimitive() ? type.getKind().name().toLowerCase(Locale.ROOT) : type.toString();
        };
    }

    private String declaredName(DeclaredType type) {
        String name = ((TypeElement) type.asElement()).getQualifiedName().toString();
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        return arguments.isEmpty() ? name : name + arguments.stream().map(this::sourceName).collect(Collectors.joining(", ", "<", ">"));
    }

    private String wildcardName(WildcardType wildcard) {
        @Nullable TypeMirror extendsBound = wildcard.getExtendsBound();
        @Nullable TypeMirror superBound = wildcard.getSuperBound();
        if (extendsBound != null) {
            return "? extends " + sourceName(extendsBound);
        }
        return superBound != null ? "? super " + sourceName(superBound) : "?";
    }

    private Elements elements() {
        return processingEnv.getElementUtils();
    }

    private Types types() {
        return processingEnv.getTypeUtils();
    }
}
