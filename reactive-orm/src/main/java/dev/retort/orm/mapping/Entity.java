package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a plain Java class to a table. The class needs a constructor without parameters (any
 * visibility) and at least one {@link Id} field. Every non-static, non-{@code transient} field not
 * marked {@link Transient} becomes a column; its SQL type is inferred from the Java type (see
 * {@link Column#type()}).
 *
 * <pre>{@code
 * @Entity(table = "users", indexes = @Index(name = "ix_users_name", columns = "name"))
 * public class User {
 *     @Id @GeneratedValue Integer id;
 *     @Column(length = 50, nullable = false, unique = true) String name;
 *     @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Entity {

    /** The table's name; by default the class's simple name in snake_case ({@code OrderLine} → {@code order_line}). */
    String table() default "";

    /** The table's indexes (single- and multi-column). */
    Index[] indexes() default {};

    /** The table's multi-column unique constraints (single columns may use {@link Column#unique()}). */
    Unique[] uniqueConstraints() default {};

    /** {@code ENGINE=…}, e.g. {@code "InnoDB"}; empty for the server's default. */
    String engine() default "";

    /** {@code DEFAULT CHARSET=…}, e.g. {@code "utf8mb4"}; empty for the server's default. */
    String charset() default "";

    /** {@code COLLATE=…}; empty for the server's default. */
    String collation() default "";

    /** {@code COMMENT=…}; empty for none. */
    String comment() default "";
}
