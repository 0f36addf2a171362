package dev.portolan.graph;

import java.time.Duration;

/**
 * Parsed {@code rules[].timeouts}. A null field was not set; {@link Duration#ZERO} disables that timeout.
 */
public record RuleTimeouts(Duration request, Duration backendRequest) {
    public static final RuleTimeouts NONE = new RuleTimeouts(null, null);
}
