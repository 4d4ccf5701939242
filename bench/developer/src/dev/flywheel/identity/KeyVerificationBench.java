package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In-process cost of verifying a presented API key, as the API filter does on every request:
 * {@code verify} (the cached path the filter uses: SHA-256 of the secret, then memory for up to
 * 10 s) against {@code lookup} (SHA-256 and a database read every time, on the embedded H2).
 * Sample-time mode, so JMH reports percentiles including p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyVerificationBench {

    private ConfigurableApplicationContext context;
    private ApiKeys keys;
    private String secret;

    @Setup(Level.Trial)
    public void start() {
        context = BenchApp.start();
        keys = context.getBean(ApiKeys.class);
        Organizations organizations = context.getBean(Organizations.class);
        secret = keys.issue(organizations.owner().id(), Mode.LIVE, "bench", "bench").secret();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    @Benchmark
    public Object verifyCached() {
        return keys.verify(secret).orElseThrow();
    }

    @Benchmark
    public Object lookupUncached() {
        return keys.lookup(secret).orElseThrow();
    }
}
