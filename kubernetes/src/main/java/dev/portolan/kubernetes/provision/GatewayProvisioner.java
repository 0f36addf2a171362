package dev.portolan.kubernetes.provision;

import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ResourceGraph;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a proxy (ServiceAccount, CA ConfigMap, Deployment, Service) in shape for every Gateway of an accepted Portolan
 * GatewayClass and deletes the ones whose Gateway is gone. Objects are rewritten only when they drifted from the
 * plan ({@link DriftCheck}), so an unchanged cluster sees no writes.
 */
public final class GatewayProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayProvisioner.class);

    private final KubernetesClient client;
    private final ProvisionSettings settings;
    private final List<String> namespaces;

    /** Provisions in, and cleans up across, all namespaces. */
    public GatewayProvisioner(KubernetesClient client, ProvisionSettings settings) {
        this(client, settings, List.of());
    }

    /**
     * @param namespaces where generated objects are looked for when cleaning up (as the store's scoping, so that
     *                   a namespace-scoped deployment needs no cluster-wide list rights); empty means all
     */
    public GatewayProvisioner(KubernetesClient client, ProvisionSettings settings, List<String> namespaces) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.namespaces = List.copyOf(new TreeSet<>(namespaces));
    }

    /** What one reconcile did; names are {@code Kind/namespace/name}, sorted. */
    public record Outcome(List<String> written, List<String> deleted, List<String> failed) {
    }

    public Outcome reconcile(ControlPlaneSnapshot snapshot) {
        return reconcile(snapshot.resources(), snapshot.computed().graph());
    }

    /**
     * @param resources the store's objects (the Gateways' uids come from here)
     * @param graph     its graph; {@code graph.gateways()} are the Gateways to provision
     */
    public Outcome reconcile(ResourceSet resources, ResourceGraph graph) {
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<ResourceKey> provisioned = new TreeSet<>();
        for (GatewayView gateway : graph.gateways().values()) {
            String uid = resources.get(gateway.key(), Gateway.class)
                    .map(g -> g.getMetadata().getUid()).orElse(null);
            if (uid == null || uid.isEmpty()) {
                LOG.warn("Gateway {}: no metadata.uid yet; its proxy is provisioned once it has one",
                        gateway.key().namespacedName());
                continue;
            }
            provisioned.add(gateway.key());
            for (HasMetadata desired : ProvisionPlan.desired(gateway, uid, settings)) {
                try {
                    if (apply(desired)) {
                        written.add(describe(desired));
                    }
                } catch (KubernetesClientException e) {
                    // One failing object must not stop the other Gateways; the next reconcile retries.
                    LOG.warn("provisioning {} for Gateway {} failed: {}", describe(desired),
                            gateway.key().namespacedName(), e.getMessage());
                    failed.add(describe(desired));
                }
            }
        }
        for (HasMetadata existing : owned()) {
            String gatewayName = existing.getMetadata().getLabels().get(ProvisionNames.GATEWAY_NAME_LABEL);
            ResourceKey gateway = ResourceKey.of("gateway.networking.k8s.io", "Gateway",
                    existing.getMetadata().getNamespace(), gatewayName == null ? "" : gatewayName);
            if (!provisioned.contains(gateway)) {
                try {
                    client.resource(existing).delete();
                    deleted.add(describe(existing));
                } catch (KubernetesClientException e) {
                    LOG.warn("deleting {} (its Gateway is gone) failed: {}", describe(existing), e.getMessage());
                    failed.add(describe(existing));
                }
            }
        }
        return new Outcome(sorted(written), sorted(deleted), sorted(failed));
    }

    /** Creates the object, or replaces it when it drifted from the plan; true when it wrote. */
    private boolean apply(HasMetadata desired) {
        HasMetadata actual = client.resource(desired).get();
        if (DriftCheck.upToDate(desired, actual)) {
            return false;
        }
        if (actual == null) {
            client.resource(desired).create();
        } else {
            // Optimistic: replace the version we compared against; a conflict is retried by the next reconcile.
            desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
            client.resource(desired).update();
        }
        return true;
    }

    /** Every object the provisioner created, in the namespaces it covers. */
    private List<HasMetadata> owned() {
        if (namespaces.isEmpty()) {
            return owned(null);
        }
        return namespaces.stream().flatMap(namespace -> owned(namespace).stream())
                .sorted(Comparator.comparing(GatewayProvisioner::describe)).toList();
    }

    /** {@code namespace} null means all namespaces. */
    private List<HasMetadata> owned(String namespace) {
        String label = ProvisionNames.MANAGED_BY_LABEL;
        String value = ProvisionNames.MANAGED_BY;
        var accounts = namespace == null ? client.serviceAccounts().inAnyNamespace()
                : client.serviceAccounts().inNamespace(namespace);
        var deployments = namespace == null ? client.apps().deployments().inAnyNamespace()
                : client.apps().deployments().inNamespace(namespace);
        var services = namespace == null ? client.services().inAnyNamespace()
                : client.services().inNamespace(namespace);
        var configMaps = namespace == null ? client.configMaps().inAnyNamespace()
                : client.configMaps().inNamespace(namespace);
        return Stream.of(
                        accounts.withLabel(label, value).list().getItems().stream(),
                        deployments.withLabel(label, value).list().getItems().stream(),
                        services.withLabel(label, value).list().getItems().stream(),
                        configMaps.withLabel(label, value).list().getItems().stream())
                .flatMap(s -> s.map(HasMetadata.class::cast))
                .sorted(Comparator.comparing(GatewayProvisioner::describe))
                .toList();
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
