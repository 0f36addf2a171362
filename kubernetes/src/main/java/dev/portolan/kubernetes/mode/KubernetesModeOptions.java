package dev.portolan.kubernetes.mode;

import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.ha.LeaderElectionSettings;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How Kubernetes mode runs.
 *
 * @param store            what the store watches (namespaces, controller name, resync)
 * @param provisioning     how each Gateway's proxy is provisioned; empty = Portolan provisions nothing (proxies are
 *                         deployed by hand)
 * @param leaderElection   the Lease; empty = this replica always leads (a single replica)
 * @param reconcilePeriod  how often provisioning re-checks the cluster even without changes (drift of objects the
 *                         store does not watch, such as a deleted Deployment)
 */
public record KubernetesModeOptions(KubernetesStoreOptions store, Optional<ProvisionSettings> provisioning,
                                    Optional<LeaderElectionSettings> leaderElection, Duration reconcilePeriod) {
    public KubernetesModeOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(provisioning, "provisioning");
        Objects.requireNonNull(leaderElection, "leaderElection");
        if (reconcilePeriod == null || reconcilePeriod.isNegative() || reconcilePeriod.isZero()) {
            throw new IllegalArgumentException("reconcilePeriod must be positive, got " + reconcilePeriod);
        }
    }
}
