package dev.retort.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code cpu.time.norm}: CPU time the benchmark JVM used per operation, over all its threads (the
 * benchmark thread, event loops, JDBC workers, GC and JIT). Wall-clock latency on a loaded machine
 * is mostly waiting for a core; CPU time per operation is what a client stack itself costs, so it
 * separates Retort's overhead from scheduling noise. Enabled by {@link BenchMain}; also usable as
 * {@code -prof dev.retort.bench.CpuProfiler}.
 */
public final class CpuProfiler implements InternalProfiler {

    static final String NAME = "cpu.time.norm";

    private long before;

    @Override
    public String getDescription() {
        return "Process CPU time per operation, all threads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = cpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long used = cpuNanos() - before;
        long ops = result.getMetadata().getAllOps();
        if (used < 0 || ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult(NAME, used / 1_000.0 / ops, "us/op", AggregationPolicy.AVG));
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
