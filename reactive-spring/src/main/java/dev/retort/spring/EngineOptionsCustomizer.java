package dev.retort.spring;

import dev.retort.core.engine.EngineOptions;

/**
 * A bean that changes the {@link EngineOptions} of the engine {@link RetortAutoConfiguration}
 * creates, after the {@code retort.*} properties were applied and before the engine is created
 * (customizers run in {@link org.springframework.core.annotation.Order} order). Runs once, at
 * startup; no IO.
 */
@FunctionalInterface
public interface EngineOptionsCustomizer {

    void customize(EngineOptions.Builder options);
}
