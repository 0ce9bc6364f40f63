package dev.retort.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for test classes that need no {@link DatabaseTest} database (the examples'
 * web application tests make their own): after the class, {@link LeakReports#sweepAndAssertNone()}
 * fails it when Netty reported a leaked buffer. {@link DatabaseExtension} does the same for
 * {@code @DatabaseTest} classes. A module can apply it to every class through JUnit's extension
 * auto-detection ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 *
 * <p>Needs {@link LeakReports} attached to Netty's leak logger, as {@code logback-test.xml} of this
 * test-jar does.
 */
public final class LeakCheck implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        LeakReports.sweepAndAssertNone();
    }
}
