package dev.portolan.kubernetes.mode;

import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.ha.LeaderElectionSettings;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.kubernetes.trust.ControlPlaneHome;
import dev.portolan.snapshot.GatewayAddressing;
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
 * @param addressing       where Gateway addresses come from: in a cluster, the provisioned Services
 *                         ({@link KubernetesControlPlane#serviceAddresses()}); with an in-process proxy, addresses
 *                         this machine can listen on ({@code GatewayAddressBook.loopback()})
 * @param inProcessProxy   a proxy in this JVM that serves every Gateway; empty in a cluster, where proxies run in
 *                         their own pods
 * @param home             where the control plane runs (namespace, Service): its replicas share the config
 *                         channel's TLS material and the API write token through Secrets there, and provisioned
 *                         proxies trust that CA; empty = none of that (a single process off the cluster, tests)
 */
public record KubernetesModeOptions(KubernetesStoreOptions store, Optional<ProvisionSettings> provisioning,
                                    Optional<LeaderElectionSettings> leaderElection, Duration reconcilePeriod,
                                    GatewayAddressing addressing, Optional<InProcessProxy> inProcessProxy,
                                    Optional<ControlPlaneHome> home) {
    public KubernetesModeOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(provisioning, "provisioning");
        Objects.requireNonNull(leaderElection, "leaderElection");
        if (reconcilePeriod == null || reconcilePeriod.isNegative() || reconcilePeriod.isZero()) {
            throw new IllegalArgumentException("reconcilePeriod must be positive, got " + reconcilePeriod);
        }
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(inProcessProxy, "inProcessProxy");
        Objects.requireNonNull(home, "home");
        if (inProcessProxy.isPresent() && provisioning.isPresent()) {
            // Both would serve every Gateway: provisioned pods at the Services' addresses, this JVM at its own.
            throw new IllegalArgumentException("Kubernetes mode options: inProcessProxy and provisioning both set; "
                    + "a Gateway is served either by provisioned proxies or by the in-process proxy, not both");
        }
    }

    public KubernetesModeOptions(KubernetesStoreOptions store, Optional<ProvisionSettings> provisioning,
                                 Optional<LeaderElectionSettings> leaderElection, Duration reconcilePeriod,
                                 GatewayAddressing addressing, Optional<InProcessProxy> inProcessProxy) {
        this(store, provisioning, leaderElection, reconcilePeriod, addressing, inProcessProxy, Optional.empty());
    }

    /** In a cluster: Gateway addresses from the provisioned Services, no proxy in this JVM. */
    public KubernetesModeOptions(KubernetesStoreOptions store, Optional<ProvisionSettings> provisioning,
                                 Optional<LeaderElectionSettings> leaderElection, Duration reconcilePeriod) {
        this(store, provisioning, leaderElection, reconcilePeriod, KubernetesControlPlane.serviceAddresses(),
                Optional.empty());
    }

    public KubernetesModeOptions withAddressing(GatewayAddressing addressing) {
        return new KubernetesModeOptions(store, provisioning, leaderElection, reconcilePeriod, addressing,
                inProcessProxy, home);
    }

    public KubernetesModeOptions withInProcessProxy(InProcessProxy proxy) {
        return new KubernetesModeOptions(store, provisioning, leaderElection, reconcilePeriod, addressing,
                Optional.of(proxy), home);
    }

    public KubernetesModeOptions withHome(ControlPlaneHome home) {
        return new KubernetesModeOptions(store, provisioning, leaderElection, reconcilePeriod, addressing,
                inProcessProxy, Optional.of(home));
    }
}
