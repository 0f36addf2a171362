package dev.portolan.echo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attempt counters of the {@code /retry/} handler: for one uuid, the first {@code succeedAfter} attempts
 * fail and later ones succeed. Counters live as long as the echo instance (as upstream, single instance).
 */
final class RetrySimulator {

    private final ConcurrentMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** Counts this attempt. @return true when it must fail */
    boolean attemptFails(String uuid, int succeedAfter) {
        int attempt = attempts.computeIfAbsent(uuid, k -> new AtomicInteger()).incrementAndGet();
        return attempt <= succeedAfter;
    }

    int attempts(String uuid) {
        AtomicInteger counter = attempts.get(uuid);
        return counter == null ? 0 : counter.get();
    }
}
