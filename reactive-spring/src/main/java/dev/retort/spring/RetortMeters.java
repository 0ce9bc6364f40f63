package dev.retort.spring;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.metrics.RetortMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.Ordered;

/**
 * Micrometer meters for the auto-configured engine ({@link RetortMetrics}: pool gauges, acquire and
 * usage timers, statement timers), when the application has a {@link MeterRegistry} bean. As an
 * {@link EngineOptionsCustomizer} it gives the engine its listener before the engine is created;
 * once every singleton exists it binds the pool gauges to the engine. Closing the context removes
 * the meters. No IO at any point. It runs after the application's customizers, so the {@code name}
 * tag is the engine's final name.
 */
final class RetortMeters implements EngineOptionsCustomizer, SmartInitializingSingleton, DisposableBean, Ordered {

    private final ObjectProvider<MeterRegistry> registries;
    private final ObjectProvider<Engine> engines;
    private @Nullable RetortMetrics metrics;

    RetortMeters(ObjectProvider<MeterRegistry> registries, ObjectProvider<Engine> engines) {
        this.registries = registries;
        this.engines = engines;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(EngineOptions.Builder options) {
        MeterRegistry registry = registries.getIfUnique();
        if (registry != null) {
            RetortMetrics created = RetortMetrics.create(registry, options.build().name());
            options.listener(created.listener());
            metrics = created;
        }
    }

    /** Binds the pool gauges to the auto-configured engine (not to an engine the application made itself). */
    @Override
    public void afterSingletonsInstantiated() {
        RetortMetrics created = metrics;
        Engine engine = engines.getIfUnique();
        if (created != null && engine != null && engine.options().listener() == created.listener()) {
            created.bindPool(engine);
        }
    }

    @Override
    public void destroy() {
        RetortMetrics created = metrics;
        if (created != null) {
            created.close();
        }
    }
}
