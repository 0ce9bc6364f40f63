package dev.retort.spring;

import dev.retort.core.exception.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because Retort's configuration is missing or wrong (no URL, a bad
 * URL, an invalid pool setting) in Spring Boot's "APPLICATION FAILED TO START" report.
 */
final class RetortFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        String action = cause.getMessage() != null && cause.getMessage().equals(EngineSettings.NO_URL)
                ? "Set 'retort.url' (for example retort.url=mysql://user:secret@localhost:3306/shop), or Spring's "
                        + "'spring.r2dbc.url', in application.properties or the environment (RETORT_URL)."
                : "Check the 'retort.*' properties (and 'spring.r2dbc.*' when 'retort.url' is not set).";
        return new FailureAnalysis("Retort could not create its engine: " + cause.getMessage(), action, cause);
    }
}
