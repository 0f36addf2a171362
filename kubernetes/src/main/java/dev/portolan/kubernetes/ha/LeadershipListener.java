package dev.portolan.kubernetes.ha;

/** Told when this replica starts or stops leading; called on the election's thread, so return quickly. */
@FunctionalInterface
public interface LeadershipListener {
    void leadershipChanged(boolean leading);
}
