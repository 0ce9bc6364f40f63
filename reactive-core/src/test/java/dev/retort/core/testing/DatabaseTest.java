package dev.retort.core.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that works in a database of its own on the {@linkplain TestServers test
 * server}: created before the class, dropped after it, with a leak check on every engine after each
 * test. Tests receive a {@link TestDatabase} or the class's default {@link dev.retort.core.engine.Engine}
 * as parameters. {@code @Nested} classes share the enclosing class's database. See
 * {@link DatabaseExtension}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DatabaseExtension.class)
public @interface DatabaseTest {
}
