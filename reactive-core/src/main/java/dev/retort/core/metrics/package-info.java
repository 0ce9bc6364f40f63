/**
 * Micrometer meters for an engine: {@link dev.retort.core.metrics.RetortMetrics}. The only package
 * of reactive-core that uses Micrometer, an optional dependency: applications without Micrometer
 * never load it. It sits on top of the engine ({@code engine → metrics}) and reaches it only
 * through the public {@link dev.retort.core.engine.EngineListener} and
 * {@link dev.retort.core.engine.Engine#poolStatus()}.
 */
@NullMarked
package dev.retort.core.metrics;

import org.jspecify.annotations.NullMarked;
