package dev.retort.core.testing;

import dev.retort.core.engine.Engine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.blockhound.BlockHound;

/**
 * JUnit 5 extension behind {@link DatabaseTest}.
 *
 * <ul>
 *   <li>Before the class: creates a database named by {@link DatabaseAdmin#uniqueName(Class)} on the
 *       {@linkplain TestServers test server}. After the class: disposes the class's engines and drops
 *       the database. {@code @Nested} classes use their enclosing class's database.</li>
 *   <li>Resolves parameters of type {@link TestDatabase} and {@link Engine} (the class's default
 *       engine) in constructors, lifecycle methods and test methods.</li>
 *   <li>After each test: fails the test if any engine of the {@link TestDatabase} still has
 *       connections checked out or callers waiting after {@link TestDatabase#RELEASE_WAIT}, then
 *       disposes the engines the test made.</li>
 *   <li>After the class: at Netty's paranoid leak level, collects garbage so that Netty reports
 *       what the class leaked ({@link LeakReports#sweepAndAssertNone()}): fails if Netty reported a leaked
 *       buffer so far.</li>
 * </ul>
 *
 * <p>Loading this class installs BlockHound (idempotent; normally the
 * {@code blockhound-junit-platform} listener has done so already).
 */
public final class DatabaseExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    static {
        BlockHound.install();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);
    private static final String KEY = "testDatabase";

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        TestDatabase database = store.get(KEY, TestDatabase.class);
        if (database == null || database.owner() != context.getRequiredTestClass()) {
            return; // none made, or it belongs to an enclosing class
        }
        store.remove(KEY);
        try {
            database.close();
        } finally {
            DatabaseAdmin.drop(database.name());
            LOG.debug("Dropped database {}", database.name());
        }
        LeakReports.sweepAndAssertNone();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database(context).beginTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        database(context).endTest();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = database(context);
        return parameter.getParameter().getType() == Engine.class ? database.engine() : database;
    }

    /**
     * The database of the class {@code context} belongs to, created on first use. Lookups walk up to
     * enclosing classes, so a {@code @Nested} class finds its outer class's database.
     */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> create(classContext.getRequiredTestClass()), TestDatabase.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static TestDatabase create(Class<?> testClass) {
        String name = DatabaseAdmin.uniqueName(testClass);
        DatabaseAdmin.create(name);
        LOG.info("Created database {} for {} on {}", name, testClass.getName(), TestServers.description());
        return new TestDatabase(name, TestServers.urlFor(name), testClass);
    }
}
