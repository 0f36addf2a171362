package dev.portolan.conformance;

import java.time.Duration;

/**
 * Time limits of a run (README section 1: status polls every 100 ms up to 60 s, 180 s for Gateway address and
 * conditions; http steps 3 successes in a row within 30 s).
 */
public record RunnerOptions(Duration pollInterval, Duration statusTimeout, Duration gatewayStatusTimeout,
                            Duration httpTimeout, Duration requestTimeout, Duration pauseAfterFailure,
                            Duration mirrorTimeout) {
    public static RunnerOptions defaults() {
        return new RunnerOptions(Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofSeconds(180),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** Same rules with short limits, for implementations whose state is ready at once (tests). */
    public static RunnerOptions quick() {
        return new RunnerOptions(Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(2));
    }
}
