package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.schema.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every registration error, with its exact message. Each case has classes of its own: a class is
 * mapped once per JVM, and a failed {@code Mapping.of} must leave its classes mappable later.
 */
class MappingErrorsTest {

    private static final String PREFIX = "Cannot map dev.retort.orm.mapping.MappingErrorsTest$";

    private static void assertFails(Runnable mapping, String message) {
        assertThatThrownBy(mapping::run).isExactlyInstanceOf(MappingException.class).hasMessage(message);
    }

    // ---- the class itself -----------------------------------------------------------------------

    static class NotAnnotated {
        @Id Integer id;
    }

    @Test
    void classWithoutEntityAnnotation() {
        assertFails(() -> Mapping.of(NotAnnotated.class), PREFIX + "NotAnnotated: it is not annotated @Entity");
    }

    @Entity
    static class NoId {
        Integer number;
        String name;
    }

    @Test
    void noIdField() {
        assertFails(() -> Mapping.of(NoId.class), PREFIX + "NoId: it has no @Id field");
    }

    @Entity
    record RecordEntity(@Id Integer id) {
    }

    @Entity
    abstract static class AbstractEntity {
        @Id Integer id;
    }

    @Entity
    interface InterfaceEntity {
    }

    @Entity
    enum EnumEntity { ONE }

    @Test
    void recordsAbstractClassesInterfacesAndEnumsAreNotEntities() {
        String problem = ": an entity must be a concrete, mutable class (not an interface, abstract class, record or enum)";
        assertFails(() -> Mapping.of(RecordEntity.class), PREFIX + "RecordEntity" + problem);
        assertFails(() -> Mapping.of(AbstractEntity.class), PREFIX + "AbstractEntity" + problem);
        assertFails(() -> Mapping.of(InterfaceEntity.class), PREFIX + "InterfaceEntity" + problem);
        assertFails(() -> Mapping.of(EnumEntity.class), PREFIX + "EnumEntity" + problem);
    }

    @Entity
    class InnerEntity {
        @Id Integer id;
    }

    @Test
    void nonStaticInnerClass() {
        assertFails(() -> Mapping.of(InnerEntity.class),
                PREFIX + "InnerEntity: an inner class needs an outer instance; make it a static nested class");
    }

    @Entity
    static class NoDefaultConstructor {
        @Id Integer id;

        NoDefaultConstructor(Integer id) {
            this.id = id;
        }
    }

    @Test
    void noParameterlessConstructor() {
        assertFails(() -> Mapping.of(NoDefaultConstructor.class),
                PREFIX + "NoDefaultConstructor: it needs a constructor without parameters (it may be private)");
    }

    @Entity
    static class PrivateConstructor {
        @Id Integer id;

        private PrivateConstructor() {
        }
    }

    @Test
    void aPrivateParameterlessConstructorIsEnough() {
        assertThat(Mapping.mapperOf(PrivateConstructor.class).newInstance()).isInstanceOf(PrivateConstructor.class);
    }

    // ---- field types ----------------------------------------------------------------------------

    @Entity
    static class ThreadField {
        @Id Integer id;
        Thread worker;
    }

    @Entity
    static class ObjectField {
        @Id Integer id;
        Object anything;
    }

    @Entity
    static class ListOfThreads {
        @Id Integer id;
        List<Thread> workers;
    }

    @Entity
    static class IntegerKeys {
        @Id Integer id;
        Map<Integer, String> names;
    }

    @Entity
    static class StringAsInteger {
        @Id Integer id;
        @Column(type = ColumnType.INTEGER) String code;
    }

    @Entity
    static class EnumOfString {
        @Id Integer id;
        @Column(type = ColumnType.ENUM) String mood;
    }

    @Entity
    static class LinkedListField {
        @Id Integer id;
        LinkedList<String> queue;
    }

    @Entity
    static class TreeMapField {
        @Id Integer id;
        TreeMap<String, Integer> sorted;
    }

    record SortedHolder(TreeMap<String, Integer> sorted) {
    }

    @Entity
    static class TreeMapInRecord {
        @Id Integer id;
        SortedHolder holder;
    }

    @Entity
    static class CollectionField {
        @Id Integer id;
        Collection<String> unsupported;
    }

    @Entity
    static class ArrayListAndHashMap {
        @Id Integer id;
        ArrayList<String> list;
        HashMap<String, Integer> map;
    }

    @Test
    void jsonCollectionsMustAcceptWhatIsReadBack() {
        assertFails(() -> Mapping.of(LinkedListField.class), PREFIX + "LinkedListField.queue: cannot be stored as JSON: no JSON"
                + " form for java.util.LinkedList<java.lang.String>: JSON is read back as ArrayList; declare it as List");
        assertFails(() -> Mapping.of(TreeMapField.class), PREFIX + "TreeMapField.sorted: cannot be stored as JSON: no JSON form"
                + " for java.util.TreeMap<java.lang.String, java.lang.Integer>: JSON is read back as LinkedHashMap; declare it"
                + " as Map");
        assertFails(() -> Mapping.of(TreeMapInRecord.class), PREFIX + "TreeMapInRecord.holder: cannot be stored as JSON: record"
                + " dev.retort.orm.mapping.MappingErrorsTest$SortedHolder: no JSON form for java.util.TreeMap<java.lang.String,"
                + " java.lang.Integer>: JSON is read back as LinkedHashMap; declare it as Map");
        assertFails(() -> Mapping.of(CollectionField.class), PREFIX + "CollectionField"
                + ".unsupported: no SQL type for its Java type java.util.Collection<java.lang.String> (supported: numbers,"
                + " String, Boolean, BigDecimal, java.time, UUID, byte[], enums, records, List, Map; mark it @Transient to"
                + " leave it out)");

        Mapper<ArrayListAndHashMap> mapper = Mapping.mapperOf(ArrayListAndHashMap.class);
        assertThat(mapper.attribute("list").column().type().fromDriver("[\"a\", \"b\"]"))
                .isInstanceOf(ArrayList.class).isEqualTo(List.of("a", "b"));
        assertThat(mapper.attribute("map").column().type().fromDriver("{\"a\": 1}"))
                .isInstanceOf(HashMap.class).isEqualTo(Map.of("a", 1));
    }

    @Test
    void unsupportedFieldTypes() {
        assertFails(() -> Mapping.of(ThreadField.class), PREFIX + "ThreadField.worker: no SQL type for its Java type"
                + " java.lang.Thread (supported: numbers, String, Boolean, BigDecimal, java.time, UUID, byte[], enums,"
                + " records, List, Map; mark it @Transient to leave it out)");
        assertFails(() -> Mapping.of(ObjectField.class),
                PREFIX + "ObjectField.anything: no SQL type for Object; give @Column(type = …) or mark it @Transient");
        assertFails(() -> Mapping.of(ListOfThreads.class),
                PREFIX + "ListOfThreads.workers: cannot be stored as JSON: no JSON form for java.lang.Thread");
        assertFails(() -> Mapping.of(IntegerKeys.class), PREFIX + "IntegerKeys.names: cannot be stored as JSON: JSON object"
                + " keys are strings; java.util.Map<java.lang.Integer, java.lang.String> has other keys");
        assertFails(() -> Mapping.of(StringAsInteger.class),
                PREFIX + "StringAsInteger.code: its Java type String cannot be stored as INTEGER (Integer values)");
        assertFails(() -> Mapping.of(EnumOfString.class), PREFIX + "EnumOfString.mood: ENUM needs an enum field, not String");
    }

    @Entity
    static class TransientFields {
        @Id Integer id;
        @Transient Thread worker;
        transient Object cache;
        static Object shared;
    }

    @Test
    void transientAndStaticFieldsAreLeftOut() {
        Mapper<TransientFields> mapper = Mapping.mapperOf(TransientFields.class);

        assertThat(mapper.attributes()).extracting(Attribute::name).containsExactly("id");
        assertThat(mapper.table().columns()).extracting(column -> column.name()).containsExactly("id");
    }

    // ---- columns --------------------------------------------------------------------------------

    @Entity
    static class SameColumn {
        @Id Integer id;
        String fullName;
        @Column(name = "full_name") String displayName;
    }

    @Test
    void twoFieldsMappingToTheSameColumn() {
        assertFails(() -> Mapping.of(SameColumn.class),
                PREFIX + "SameColumn.displayName: its column 'full_name' is already mapped by field 'fullName'");
    }

    @Entity
    static class GeneratedNonId {
        @Id Integer id;
        @GeneratedValue Integer counter;
    }

    @Entity
    static class GeneratedString {
        @Id @GeneratedValue String code;
    }

    @Entity
    static class TwoGenerated {
        @Id @GeneratedValue Integer a;
        @Id @GeneratedValue Integer b;
    }

    @Test
    void generatedValueMisplaced() {
        assertFails(() -> Mapping.of(GeneratedNonId.class), PREFIX + "GeneratedNonId.counter: @GeneratedValue is for @Id fields");
        assertFails(() -> Mapping.of(GeneratedString.class),
                PREFIX + "GeneratedString.code: @GeneratedValue needs an integral type (int, long, short or boxed), not String");
        assertFails(() -> Mapping.of(TwoGenerated.class),
                PREFIX + "TwoGenerated: only one @GeneratedValue (AUTO_INCREMENT) column is allowed per table");
    }

    @Entity
    static class StringVersion {
        @Id Integer id;
        @Version String version;
    }

    @Entity
    static class VersionId {
        @Id @Version Integer id;
    }

    @Entity
    static class TwoVersions {
        @Id Integer id;
        @Version int first;
        @Version long second;
    }

    @Test
    void versionMisplaced() {
        String problem = ": @Version needs an int, long, Integer or Long field that is not an @Id";
        assertFails(() -> Mapping.of(StringVersion.class), PREFIX + "StringVersion.version" + problem);
        assertFails(() -> Mapping.of(VersionId.class), PREFIX + "VersionId.id" + problem);
        assertFails(() -> Mapping.of(TwoVersions.class), PREFIX + "TwoVersions: it has more than one @Version field");
    }

    @Entity
    static class FinalField {
        @Id Integer id;
        final String name = "fixed";
    }

    @Test
    void finalField() {
        assertFails(() -> Mapping.of(FinalField.class),
                PREFIX + "FinalField.name: a mapped field cannot be final (the session writes loaded values into it)");
    }

    @Entity
    static class BadIntDefault {
        @Id Integer id;
        @Column(defaultValue = "abc") Integer count;
    }

    @Entity
    static class PrimitiveDefault {
        @Id Integer id;
        @Column(defaultValue = "5") int tries;
    }

    @Entity
    static class BadBooleanDefault {
        @Id Integer id;
        @Column(defaultValue = "yes") Boolean active;
    }

    @Entity
    static class BadEnumDefault {
        @Id Integer id;
        @Column(defaultValue = "MAYBE") Answer answer;
    }

    enum Answer { YES, NO }

    @Entity
    static class DateDefault {
        @Id Integer id;
        @Column(defaultValue = "2024-01-01") LocalDate day;
    }

    @Test
    void badDefaultValues() {
        assertFails(() -> Mapping.of(BadIntDefault.class),
                PREFIX + "BadIntDefault.count: defaultValue \"abc\" is not a Integer: For input string: \"abc\"");
        assertFails(() -> Mapping.of(BadBooleanDefault.class),
                PREFIX + "BadBooleanDefault.active: defaultValue \"yes\" is not a Boolean: expected true or false");
        assertFails(() -> Mapping.of(BadEnumDefault.class), PREFIX + "BadEnumDefault.answer: defaultValue \"MAYBE\" is not a"
                + " Answer: No enum constant dev.retort.orm.mapping.MappingErrorsTest.Answer.MAYBE");
        assertFails(() -> Mapping.of(PrimitiveDefault.class), PREFIX + "PrimitiveDefault.tries: defaultValue needs a boxed"
                + " type: a primitive field is never null, so the default would never apply (initialise the field instead)");
        assertFails(() -> Mapping.of(DateDefault.class), PREFIX + "DateDefault.day: defaultValue is supported for strings,"
                + " numbers, booleans and enums; use a field initializer");
    }

    // ---- table options --------------------------------------------------------------------------

    @Entity(indexes = @Index(name = "ix_bad", columns = {"name", "nickname"}))
    static class UnknownIndexColumn {
        @Id Integer id;
        String name;
        String fullName;
    }

    @Entity(indexes = @Index(name = "ix_empty", columns = {}))
    static class EmptyIndex {
        @Id Integer id;
    }

    @Entity(uniqueConstraints = @Unique(name = "uq_bad", columns = "fullName"))
    static class UnknownUniqueColumn {
        @Id Integer id;
        String fullName;
    }

    @Test
    void indexesAndUniqueConstraintsNameMappedColumns() {
        assertFails(() -> Mapping.of(UnknownIndexColumn.class), PREFIX + "UnknownIndexColumn: @Index ix_bad names column"
                + " 'nickname', which is not mapped; columns: [id, name, full_name]");
        assertFails(() -> Mapping.of(EmptyIndex.class), PREFIX + "EmptyIndex: @Index ix_empty names no columns");
        assertFails(() -> Mapping.of(UnknownUniqueColumn.class), PREFIX + "UnknownUniqueColumn: @Unique uq_bad names column"
                + " 'fullName', which is not mapped; columns: [id, full_name]");
    }

    // ---- foreign keys ---------------------------------------------------------------------------

    @Entity
    static class FkNeither {
        @Id Integer id;
        @ForeignKey Integer ownerId;
    }

    @Entity
    static class FkBoth {
        @Id Integer id;
        @ForeignKey(entity = FkTarget.class, target = "fk_target.id") Integer ownerId;
    }

    @Entity
    static class FkTarget {
        @Id Integer id;
    }

    @Entity
    static class FkToNonEntity {
        @Id Integer id;
        @ForeignKey(entity = NotAnnotated.class) Integer ownerId;
    }

    @Entity
    static class CompositeKey {
        @Id String region;
        @Id Integer number;
    }

    @Entity
    static class FkToComposite {
        @Id Integer id;
        @ForeignKey(entity = CompositeKey.class) Integer orderNumber;
    }

    @Test
    void foreignKeyTargets() {
        assertFails(() -> Mapping.of(FkNeither.class), PREFIX + "FkNeither.ownerId: @ForeignKey needs exactly one of entity or target");
        assertFails(() -> Mapping.of(FkBoth.class), PREFIX + "FkBoth.ownerId: @ForeignKey needs exactly one of entity or target");
        assertFails(() -> Mapping.of(FkToNonEntity.class), PREFIX + "FkToNonEntity.ownerId: @ForeignKey(entity ="
                + " dev.retort.orm.mapping.MappingErrorsTest$NotAnnotated) is not an @Entity");
        assertFails(() -> Mapping.of(FkToComposite.class), PREFIX + "FkToComposite.orderNumber: @ForeignKey(entity ="
                + " CompositeKey) needs a single-column primary key; that class has 2; use target = \"table.column\"");

        assertThat(Registry.lookup(FkTarget.class)).isNull();
        assertThat(Registry.lookup(CompositeKey.class)).isNull();
        assertThat(Registry.lookup(FkToComposite.class)).isNull();
        Mapping composite = Mapping.of(CompositeKey.class);
        assertThat(composite.tables()).extracting(Table::name).containsExactly("composite_key");
        assertThat(composite.mapper(CompositeKey.class).primaryKey()).extracting(Attribute::name).containsExactly("region", "number");
    }

    // ---- the Mapping.of call as a whole ---------------------------------------------------------

    @Entity(table = "shared_name")
    static class FirstOwner {
        @Id Integer id;
    }

    @Entity(table = "shared_name")
    static class SecondOwner {
        @Id Integer id;
    }

    @Test
    void twoClassesMappingOneTable() {
        assertFails(() -> Mapping.of(FirstOwner.class, SecondOwner.class), PREFIX + "SecondOwner: table 'shared_name' is already"
                + " mapped by dev.retort.orm.mapping.MappingErrorsTest$FirstOwner in the same MetaData");
        assertThat(Registry.lookup(FirstOwner.class)).isNull();

        Mapping first = Mapping.of(FirstOwner.class);
        Mapping second = Mapping.of(SecondOwner.class);
        assertThat(first.metadata()).isNotSameAs(second.metadata());
        assertThat(first.tables()).extracting(Table::name).containsExactly("shared_name");
        assertThat(second.tables()).extracting(Table::name).containsExactly("shared_name");
    }

    @Entity(table = "taken")
    static class TakenOwner {
        @Id Integer id;
    }

    @Entity(table = "taken")
    static class TakenAgain {
        @Id Integer id;
        @ForeignKey(entity = TakenOwner.class) Integer ownerId;
    }

    @Test
    void aTableNameAlreadyInTheSharedMetaData() {
        Mapping.of(TakenOwner.class);

        assertFails(() -> Mapping.of(TakenAgain.class), PREFIX + "TakenAgain: table 'taken' is already mapped by"
                + " dev.retort.orm.mapping.MappingErrorsTest$TakenOwner in the same MetaData");
        assertThat(Registry.lookup(TakenAgain.class)).isNull();
    }

    @Entity
    static class GoodBesideNoId {
        @Id Integer id;
    }

    @Entity
    static class GoodBesideFinal {
        @Id Integer id;
    }

    @Entity
    static class FinalFieldInBatch {
        @Id Integer id;
        final int size = 1;
    }

    @Entity
    static class GoodBesideNoConstructor {
        @Id Integer id;
    }

    @Entity
    static class NoConstructorInBatch {
        @Id Integer id;

        NoConstructorInBatch(int id) {
            this.id = id;
        }
    }

    @Test
    void aFailedMappingRegistersNothing() {
        assertFails(() -> Mapping.of(GoodBesideNoId.class, NoId.class), PREFIX + "NoId: it has no @Id field");
        assertFails(() -> Mapping.of(GoodBesideFinal.class, FinalFieldInBatch.class), PREFIX + "FinalFieldInBatch.size:"
                + " a mapped field cannot be final (the session writes loaded values into it)");
        assertFails(() -> Mapping.of(GoodBesideNoConstructor.class, NoConstructorInBatch.class), PREFIX
                + "NoConstructorInBatch: it needs a constructor without parameters (it may be private)");

        for (Class<?> good : List.of(GoodBesideNoId.class, GoodBesideFinal.class, GoodBesideNoConstructor.class)) {
            assertThat(Registry.lookup(good)).as(good.getSimpleName()).isNull();
            Mapping mapping = Mapping.of(good);
            assertThat(mapping.mappers()).extracting(m -> (Object) m.entityClass()).containsExactly(good);
            assertThat(mapping.metadata().tables()).as(good.getSimpleName()).extracting(Table::name)
                    .containsExactly(mapping.mapper(good).table().name());
        }
        assertThat(Registry.lookup(NoId.class)).isNull();
        assertThat(Registry.lookup(FinalFieldInBatch.class)).isNull();
        assertThat(Registry.lookup(NoConstructorInBatch.class)).isNull();
    }

    // ---- lookups --------------------------------------------------------------------------------

    @Entity
    static class Looked {
        @Id Integer id;
        String name;
    }

    @Entity
    static class NotInThatMapping {
        @Id Integer id;
    }

    @Test
    void lookupsOfUnknownFieldsAndClasses() {
        Mapping mapping = Mapping.of(Looked.class);
        Mapping.of(NotInThatMapping.class);

        assertThatThrownBy(() -> mapping.mapper(Looked.class).attribute("nickname")).isExactlyInstanceOf(MappingException.class)
                .hasMessage("dev.retort.orm.mapping.MappingErrorsTest$Looked has no mapped field 'nickname'; it has [id, name]");
        assertThatThrownBy(() -> mapping.mapper(NotInThatMapping.class)).isExactlyInstanceOf(MappingException.class)
                .hasMessage("dev.retort.orm.mapping.MappingErrorsTest$NotInThatMapping is not part of this mapping; add it to"
                        + " Mapping.of([Looked.class])");
        assertThatThrownBy(Mapping::of).isExactlyInstanceOf(MappingException.class)
                .hasMessage("Mapping.of needs at least one entity class");
        assertThat(Mapping.of(Looked.class)).isNotSameAs(mapping).extracting(Mapping::metadata).isSameAs(mapping.metadata());
        assertThat(Mapping.mapperOf(Looked.class)).isSameAs(mapping.mapper(Looked.class));
    }
}
