package dev.portolan.model;

import java.time.Duration;

/**
 * One Gateway API timeout as written, parsed once: its duration ({@link Duration#ZERO} disables the timeout) or why
 * it is not one. The duration format allows nothing between 0 and 1ms, so GEP-1742's "at least 1ms" holds by
 * construction.
 *
 * @param text     the value as written
 * @param duration the parsed value; null when {@code problem} is set
 * @param problem  what is wrong (names the value, never a field), null when valid
 */
public record TimeoutValue(String text, Duration duration, String problem) {

    public static TimeoutValue parse(String text) {
        try {
            return new TimeoutValue(text, GatewayDuration.parse(text), null);
        } catch (IllegalArgumentException e) {
            return new TimeoutValue(text, null, e.getMessage());
        }
    }

    public boolean valid() {
        return duration != null;
    }

    /** {@code 0s} turns the timeout off. */
    public boolean disabled() {
        return duration != null && duration.isZero();
    }
}
