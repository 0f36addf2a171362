package dev.portolan.graph;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Resolves route backendRefs to Services, ports and ready endpoints. */
final class BackendResolver {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /**
     * Service port appProtocols the proxy can speak (unset means HTTP/1.1). {@code https} is accepted because the
     * BackendTLSPolicy conformance Services declare it; TLS itself comes from the policy, never from this value.
     */
    static final Set<String> SUPPORTED_APP_PROTOCOLS = Set.of("http", "https", "kubernetes.io/h2c", "kubernetes.io/ws");

    private final ResourceSet resources;

    BackendResolver(ResourceSet resources) {
        this.resources = resources;
    }

    /** A reference as written in a route; null group/kind/namespace take their defaults. */
    record Ref(String group, String kind, String namespace, String name, Integer port, int weight) {
    }

    BackendView resolve(ResourceKey route, Ref ref) {
        String group = ref.group() == null ? ApiGroups.CORE : ref.group();
        String kind = ref.kind() == null ? ApiGroups.SERVICE : ref.kind();
        String namespace = ref.namespace() == null || ref.namespace().isEmpty() ? route.namespace() : ref.namespace();
        String target = kind + (group.isEmpty() ? "" : "." + group) + " " + namespace + "/" + ref.name();
        if (!group.isEmpty() || !kind.equals(ApiGroups.SERVICE)) {
            return unresolved(group, kind, namespace, ref, "InvalidKind",
                    "backendRef " + target + ": only core Services are supported as backends");
        }
        if (!ReferenceGrants.permits(resources, ApiGroups.GATEWAY, route.kind(), route.namespace(),
                ApiGroups.CORE, ApiGroups.SERVICE, namespace, ref.name())) {
            return unresolved(group, kind, namespace, ref, "RefNotPermitted", "backendRef " + target
                    + " is in another namespace and no ReferenceGrant there allows " + route.kind()
                    + "s from " + route.namespace());
        }
        ResourceKey key = ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE, namespace, ref.name());
        Optional<Service> service = resources.get(key, Service.class);
        if (service.isEmpty()) {
            return unresolved(group, kind, namespace, ref, "BackendNotFound", "backendRef " + target + " does not exist");
        }
        if (ref.port() == null) {
            return unresolved(group, kind, namespace, ref, "BackendNotFound", "backendRef " + target + " has no port");
        }
        Optional<ServicePort> port = service.get().getSpec() == null || service.get().getSpec().getPorts() == null
                ? Optional.empty()
                : service.get().getSpec().getPorts().stream().filter(p -> ref.port().equals(p.getPort())).findFirst();
        if (port.isEmpty()) {
            return unresolved(group, kind, namespace, ref, "BackendNotFound",
                    "backendRef " + target + ": the Service has no port " + ref.port());
        }
        String appProtocol = port.get().getAppProtocol();
        // IANA service names (http, https) are case-insensitive; the kubernetes.io/ prefixed ones are not.
        if (appProtocol != null && !SUPPORTED_APP_PROTOCOLS.contains(appProtocol)
                && !SUPPORTED_APP_PROTOCOLS.contains(appProtocol.toLowerCase(java.util.Locale.ROOT))) {
            return unresolved(group, kind, namespace, ref, "UnsupportedProtocol", "backendRef " + target + " port "
                    + ref.port() + ": appProtocol " + appProtocol + " is not supported (use http, https, kubernetes.io/h2c or kubernetes.io/ws)");
        }
        return new BackendView(group, kind, namespace, ref.name(), ref.port(), ref.weight(), key, appProtocol,
                endpoints(key, port.get()), null, null);
    }

    /** Ready endpoints of the Service port, from EndpointSlices labelled with the Service name. */
    private List<Endpoint> endpoints(ResourceKey service, ServicePort servicePort) {
        String portName = servicePort.getName() == null ? "" : servicePort.getName();
        TreeSet<Endpoint> out = new TreeSet<>();
        for (EndpointSlice slice : resources.endpointSlices()) {
            if (!service.namespace().equals(slice.getMetadata().getNamespace()) || slice.getMetadata().getLabels() == null
                    || !service.name().equals(slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL))
                    || slice.getEndpoints() == null || slice.getPorts() == null) {
                continue;
            }
            Optional<Integer> port = slice.getPorts().stream()
                    .filter(p -> portName.equals(p.getName() == null ? "" : p.getName()))
                    .map(EndpointPort::getPort).filter(Objects::nonNull).findFirst();
            if (port.isEmpty()) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
                // Kubernetes treats an unknown (null) ready state as ready.
                boolean ready = endpoint.getConditions() == null || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
                if (ready && endpoint.getAddresses() != null) {
                    endpoint.getAddresses().forEach(ip -> out.add(new Endpoint(ip, port.get())));
                }
            }
        }
        return List.copyOf(out);
    }

    private static BackendView unresolved(String group, String kind, String namespace, Ref ref, String reason,
                                          String problem) {
        return new BackendView(group, kind, namespace, ref.name(), ref.port(), ref.weight(), null, null, List.of(),
                reason, problem);
    }
}
