package dev.portolan.kubernetes.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Lease lives, who this replica is, and the Lease timing (client-go's meaning: a follower takes over
 * {@code leaseDuration} after the last renewal; the leader gives up when it could not renew for
 * {@code renewDeadline}; every attempt is {@code retryPeriod} apart).
 */
public record LeaderElectionSettings(String namespace, String leaseName, String identity, Duration leaseDuration,
                                     Duration renewDeadline, Duration retryPeriod) {
    public static final String DEFAULT_LEASE_NAME = "portolan-controller";

    public LeaderElectionSettings {
        require("namespace", namespace);
        require("leaseName", leaseName);
        require("identity", identity);
        Objects.requireNonNull(leaseDuration, "leader election: leaseDuration is missing");
        Objects.requireNonNull(renewDeadline, "leader election: renewDeadline is missing");
        Objects.requireNonNull(retryPeriod, "leader election: retryPeriod is missing");
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("leader election: retryPeriod must be positive, got " + retryPeriod);
        }
        // fabric8 applies up to 20% jitter to the retry period; the deadline must leave room for one retry.
        if (renewDeadline.compareTo(retryPeriod.multipliedBy(12).dividedBy(10)) <= 0) {
            throw new IllegalArgumentException("leader election: renewDeadline " + renewDeadline
                    + " must exceed 1.2 x retryPeriod " + retryPeriod);
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leader election: leaseDuration " + leaseDuration
                    + " must exceed renewDeadline " + renewDeadline);
        }
    }

    /** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry. */
    public static LeaderElectionSettings defaults(String namespace, String identity) {
        return new LeaderElectionSettings(namespace, DEFAULT_LEASE_NAME, identity, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("leader election: " + field + " must not be blank");
        }
    }
}
