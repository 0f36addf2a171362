package dev.portolan.kubernetes.mode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.ConfigTranslation;
import dev.portolan.controlplane.EmbeddedDataPlane;
import dev.portolan.kubernetes.KubernetesStore;
import dev.portolan.kubernetes.ha.LeaderElection;
import dev.portolan.kubernetes.provision.GatewayAddresses;
import dev.portolan.kubernetes.provision.GatewayProvisioner;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.kubernetes.trust.ConfigChannelCertificates;
import dev.portolan.kubernetes.trust.ConfigChannelTls;
import dev.portolan.kubernetes.trust.SharedApiToken;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.snapshot.GatewayAddressing;
import dev.portolan.snapshot.SnapshotService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes mode assembled: the cluster as store, the same snapshot and translation pipeline as embedded mode,
 * Gateway addresses from the provisioned Services, and, on the replica holding the Lease only, status write-back
 * and provisioning. Every replica computes snapshots and serves the API, dashboard and proxy configs.
 * Off a cluster's network (the conformance cases against a mock API server) the options swap the Services'
 * addresses for loopback ones and the provisioned proxies for the in-process proxy; the rest is the same path.
 */
public final class KubernetesControlPlane implements ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesControlPlane.class);

    private final KubernetesClient client;
    private final KubernetesModeOptions options;
    private final List<AutoCloseable> resources;
    private final KubernetesStore store;
    private final SnapshotService snapshots;
    private final ConfigPublisher publisher;
    private final ConfigTranslation translation;
    private final LeaderElection election;
    private final EmbeddedDataPlane dataPlane;
    private final ConfigChannelCertificates.Material configChannelTls;
    private final String sharedWriteToken;

    private KubernetesControlPlane(KubernetesClient client, KubernetesModeOptions options, List<AutoCloseable> resources,
                                   KubernetesStore store, SnapshotService snapshots, ConfigPublisher publisher,
                                   ConfigTranslation translation, LeaderElection election,
                                   EmbeddedDataPlane dataPlane, ConfigChannelCertificates.Material configChannelTls,
                                   String sharedWriteToken) {
        this.client = client;
        this.options = options;
        this.resources = resources;
        this.store = store;
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.translation = translation;
        this.election = election;
        this.dataPlane = dataPlane;
        this.configChannelTls = configChannelTls;
        this.sharedWriteToken = sharedWriteToken;
    }

    /** Provisioned Gateways are reached at their Service's load-balancer address, else its cluster IP. */
    public static GatewayAddressing serviceAddresses() {
        return (resources, stored, controllerName) -> key -> GatewayAddresses.of(stored, key);
    }

    /**
     * Starts watching the cluster and, when configured, the in-process proxy and the leader election.
     *
     * @param ownsClient whether {@link #close()} also closes the client (the application's launcher hands it over;
     *                   tests keep theirs)
     */
    public static KubernetesControlPlane start(KubernetesClient client, KubernetesModeOptions options,
                                               boolean ownsClient) {
        List<AutoCloseable> started = new ArrayList<>();
        if (ownsClient) {
            started.add(client);
        }
        try {
            // Shared by every replica, read (or first created) before anything is served: the HTTPS listener and
            // the write check need them, and provisioned proxies get the CA.
            ConfigChannelCertificates.Material tls = options.home()
                    .map(home -> ConfigChannelTls.ensure(client, home, Instant.now())).orElse(null);
            String writeToken = options.home().map(home -> SharedApiToken.ensure(client, home)).orElse(null);
            KubernetesStore store = KubernetesStore.start(client, options.store());
            started.add(store);
            LeaderElection election = options.leaderElection().map(s -> new LeaderElection(client, s)).orElse(null);
            BooleanSupplier leading = election == null ? () -> true : election::isLeader;
            ConfigPublisher publisher = new ConfigPublisher();
            ConfigTranslation translation = new ConfigTranslation(publisher);
            // Started before the snapshot service so it closes after it: the last configs still land on a live proxy.
            EmbeddedDataPlane dataPlane = options.inProcessProxy().isPresent()
                    ? startDataPlane(options.inProcessProxy().get(), publisher) : null;
            if (dataPlane != null) {
                started.add(dataPlane);
            }
            SnapshotService snapshots = new SnapshotService(store, options.store().controllerName(),
                    Clock.systemUTC(), options.addressing(), leading);
            started.add(snapshots);
            snapshots.onSnapshot(translation);
            if (options.provisioning().isPresent()) {
                ProvisionSettings provisionSettings = options.provisioning().get();
                if (tls != null && !provisionSettings.plaintext()) {
                    provisionSettings = provisionSettings.withControlPlaneCa(tls.caCertificate());
                } else if (tls == null && !provisionSettings.plaintext()) {
                    LOG.warn("provisioned proxies reach {} trusting their JVM's CAs: the config channel's own CA is"
                            + " off (no control-plane home)", provisionSettings.controlPlaneUrl());
                } else if (provisionSettings.plaintext()) {
                    LOG.warn("provisioned proxies pull their configs (with private keys) and send their tokens over"
                            + " plaintext {}; use the https config channel", provisionSettings.controlPlaneUrl());
                }
                ProvisioningLoop provisioning = new ProvisioningLoop(new GatewayProvisioner(client,
                        provisionSettings, options.store().namespaces()), leading,
                        options.reconcilePeriod());
                started.add(provisioning);
                snapshots.onSnapshot(provisioning::offer);
            }
            snapshots.start();
            if (election != null) {
                started.add(election);
                // A new leader writes what the previous one may have left stale and takes over provisioning.
                election.addListener(leadingNow -> {
                    LOG.info("this replica {} leading", leadingNow ? "is now" : "stopped");
                    if (leadingNow) {
                        snapshots.requestRebuild();
                    }
                });
                election.start();
            }
            return new KubernetesControlPlane(client, options, List.copyOf(started), store, snapshots, publisher,
                    translation, election, dataPlane, tls, writeToken);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static EmbeddedDataPlane startDataPlane(InProcessProxy proxy, ConfigPublisher publisher) {
        try {
            return EmbeddedDataPlane.start(publisher, proxy.forwarders().get(),
                    ProxyServerOptions.defaults().withPortOffset(proxy.portOffset()), proxy.adminPort());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the in-process proxy did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String mode() {
        return "kubernetes";
    }

    @Override
    public ObjectNode origin() {
        ObjectNode origin = JsonNodeFactory.instance.objectNode().put("mode", mode())
                .put("cluster", client.getMasterUrl().toString());
        ArrayNode namespaces = origin.putArray("namespaces");
        options.store().namespaces().forEach(namespaces::add);
        origin.put("leader", isLeader());
        origin.put("provisioning", options.provisioning().isPresent());
        if (election != null) {
            origin.put("identity", election.settings().identity());
            origin.put("currentLeader", election.currentLeader().orElse(null));
        }
        return origin;
    }

    /** Whether this replica writes status and provisions now. */
    public boolean isLeader() {
        return election == null || election.isLeader();
    }

    /** The client this control plane reads and writes the cluster with. */
    public KubernetesClient client() {
        return client;
    }

    public Optional<LeaderElection> election() {
        return Optional.ofNullable(election);
    }

    /**
     * The config channel's serving certificate, key and CA, the same on every replica; empty without a
     * {@link KubernetesModeOptions#home()}.
     */
    public Optional<ConfigChannelCertificates.Material> configChannelTls() {
        return Optional.ofNullable(configChannelTls);
    }

    /** The API write token every replica accepts (from the shared Secret); empty without a home. */
    public Optional<String> sharedWriteToken() {
        return Optional.ofNullable(sharedWriteToken);
    }

    @Override
    public KubernetesStore store() {
        return store;
    }

    @Override
    public SnapshotService snapshots() {
        return snapshots;
    }

    @Override
    public ConfigPublisher publisher() {
        return publisher;
    }

    @Override
    public Optional<EmbeddedDataPlane> dataPlane() {
        return Optional.ofNullable(dataPlane);
    }


    @Override
    public void close() {
        closeAll(resources);
    }

    /** Last started, first closed: the election releases the Lease before the store stops. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
    }
}
