package dev.portolan.policy;

import java.time.Duration;

/**
 * One effective timeout field.
 *
 * @param field    {@code request} or {@code backendRequest}
 * @param value    the duration string as written
 * @param duration parsed value; null when invalid (see {@link EffectiveRuleTimeouts#errors()})
 * @param origin   who set it
 */
public record TimeoutSetting(String field, String value, Duration duration, TimeoutOrigin origin) {

    public boolean valid() {
        return duration != null;
    }

    /** {@code 0s} turns the timeout off. */
    public boolean disabled() {
        return duration != null && duration.isZero();
    }
}
