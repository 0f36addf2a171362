package dev.portolan.proxy.observe;

import java.util.concurrent.atomic.LongAdder;

/**
 * Requests of one route or backend: counts by status class and a latency histogram with a fixed bucket set (like
 * Envoy's, in seconds as Prometheus names them). Created when a config is compiled; recording is a few
 * {@link LongAdder} bumps and no allocation.
 */
public final class RequestStats {
    /** Upper bounds in seconds; a final +Inf bucket follows. */
    static final double[] BUCKET_SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final long[] BUCKET_NANOS = new long[BUCKET_SECONDS.length];

    static {
        for (int i = 0; i < BUCKET_SECONDS.length; i++) {
            BUCKET_NANOS[i] = Math.round(BUCKET_SECONDS[i] * 1e9);
        }
    }

    private final ListenerCounters byClass = new ListenerCounters();
    /** Not cumulative here (one bump per request); rendering sums them up. Last entry is +Inf. */
    private final LongAdder[] buckets = new LongAdder[BUCKET_SECONDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    RequestStats() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Counts one finished request with its status and how long it took (nanoseconds, negative counts as 0). */
    public void record(int status, long nanos) {
        long elapsed = Math.max(0, nanos);
        byClass.record(status);
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && elapsed > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(elapsed);
    }

    /** @param statusClass "1xx" .. "5xx" */
    public long count(String statusClass) {
        return byClass.count(statusClass);
    }

    /** Cumulative counts per bucket ({@code le}), the last being +Inf (the total). */
    long[] cumulativeBuckets() {
        long[] out = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
