package dev.portolan.kubernetes.mode;

import java.time.Clock;

/**
 * A token bucket for TokenReviews: {@code perSecond} refill, at most {@code burst} at once. Every unknown bearer
 * token costs the API server a review; without a budget anyone who reaches the control plane could make it send
 * the API server as many reviews as they send requests.
 */
final class ReviewBudget {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastMillis;

    ReviewBudget(Clock clock, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("review budget: perSecond must be > 0 and burst >= 1, got "
                    + perSecond + " and " + burst);
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** Takes one review from the budget; false when it is spent. */
    synchronized boolean tryTake() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whole seconds until the next review is in the budget (at least 1, for a Retry-After header). */
    synchronized long secondsUntilNext() {
        refill();
        double missing = Math.max(0, 1 - tokens);
        return Math.max(1, (long) Math.ceil(missing / perSecond));
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
            lastMillis = now;
        }
    }
}
