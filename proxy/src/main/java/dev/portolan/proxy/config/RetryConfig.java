package dev.portolan.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * Rule retries (GEP-1731).
 *
 * @param codes HTTP status codes that trigger a retry
 * @param attempts retries after the first attempt
 * @param backoff wait between attempts, null for none
 */
public record RetryConfig(List<Integer> codes, int attempts, Duration backoff) {
    public RetryConfig {
        codes = Checks.list(codes, "RetryConfig", "codes");
        for (int code : codes) {
            if (code < 400 || code > 599) {
                throw new IllegalArgumentException("RetryConfig.codes must be 400..599, got " + code);
            }
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("RetryConfig.attempts must be >= 0, got " + attempts);
        }
    }
}
