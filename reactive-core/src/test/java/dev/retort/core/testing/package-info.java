/**
 * The test harness shared by every module through reactive-core's test-jar: one database server
 * per JVM ({@link dev.retort.core.testing.TestServers}), a database per test class with leak
 * checks on every engine ({@link dev.retort.core.testing.DatabaseTest},
 * {@link dev.retort.core.testing.DatabaseExtension}, {@link dev.retort.core.testing.TestDatabase})
 * and BlockHound for every test.
 */
@NullMarked
package dev.retort.core.testing;

import org.jspecify.annotations.NullMarked;
