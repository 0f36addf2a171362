package dev.portolan.graph;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a Gateway's listeners: protocol, port, conflicts between listeners, route kinds and TLS certificates.
 * Programmed is decided later by {@link GatewayStatusBuilder}, once the address is known.
 */
final class ListenerResolver {
    static final Set<String> SUPPORTED_PROTOCOLS = Set.of("HTTP", "HTTPS");
    /** Protocols the Gateway API defines; other names are malformed rather than merely unsupported. */
    static final Set<String> GATEWAY_API_PROTOCOLS = Set.of("HTTP", "HTTPS", "TLS", "TCP", "UDP");
    static final RouteKind HTTP_ROUTE = new RouteKind(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE);

    private final ResourceSet resources;

    ListenerResolver(ResourceSet resources) {
        this.resources = resources;
    }

    List<ListenerState> resolve(Gateway gateway) {
        List<Listener> specs = gateway.getSpec() == null || gateway.getSpec().getListeners() == null
                ? List.of() : gateway.getSpec().getListeners();
        List<ListenerState> out = new ArrayList<>();
        for (Listener spec : specs) {
            out.add(new ListenerState(spec));
        }
        String namespace = gateway.getMetadata().getNamespace();
        for (ListenerState listener : out) {
            Optional<Condition> conflict = conflictOf(listener, out);
            listener.conditions.add(conflict
                    .map(c -> Condition.isTrue(Conditions.CONFLICTED, c.reason(), c.message()))
                    .orElse(Condition.isFalse(Conditions.CONFLICTED, "NoConflicts", "No conflicts with other listeners")));
            listener.conditions.add(acceptance(listener, conflict));
            listener.conditions.add(resolveRefs(listener, namespace));
        }
        return out;
    }

    private static Condition acceptance(ListenerState listener, Optional<Condition> conflict) {
        String protocol = listener.spec.getProtocol();
        if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
            return Condition.isFalse(Conditions.ACCEPTED, "UnsupportedProtocol", "Listener " + listener.name()
                    + ": protocol " + protocol + " is not supported (Portolan serves HTTP and HTTPS)");
        }
        if (listener.port() < 1 || listener.port() > 65535) {
            return Condition.isFalse(Conditions.ACCEPTED, "PortUnavailable",
                    "Listener " + listener.name() + ": port " + listener.port() + " is outside 1-65535");
        }
        return conflict.orElse(Condition.isTrue(Conditions.ACCEPTED, "Accepted", "Listener is valid"));
    }

    /** ProtocolConflict: HTTP and HTTPS on one port; HostnameConflict: same port, protocol and hostname. */
    private static Optional<Condition> conflictOf(ListenerState listener, List<ListenerState> all) {
        if (!SUPPORTED_PROTOCOLS.contains(listener.spec.getProtocol())) {
            return Optional.empty();
        }
        for (ListenerState other : all) {
            if (other == listener || other.port() != listener.port()
                    || !SUPPORTED_PROTOCOLS.contains(other.spec.getProtocol())) {
                continue;
            }
            if (!other.spec.getProtocol().equals(listener.spec.getProtocol())) {
                return Optional.of(Condition.isFalse(Conditions.ACCEPTED, "ProtocolConflict", "Listener "
                        + listener.name() + ": port " + listener.port() + " is also used by listener "
                        + other.name() + " with protocol " + other.spec.getProtocol()));
            }
            if (Objects.equals(blankToNull(other.spec.getHostname()), blankToNull(listener.spec.getHostname()))) {
                return Optional.of(Condition.isFalse(Conditions.ACCEPTED, "HostnameConflict", "Listener "
                        + listener.name() + ": listener " + other.name() + " uses the same port, protocol and hostname"));
            }
        }
        return Optional.empty();
    }

    private Condition resolveRefs(ListenerState listener, String gatewayNamespace) {
        Optional<Condition> kindProblem = resolveKinds(listener);
        Optional<Condition> certProblem = "HTTPS".equals(listener.spec.getProtocol())
                ? resolveCertificates(listener, gatewayNamespace) : Optional.empty();
        // A certificate problem stops the listener from serving, so it is the more useful one to report.
        return certProblem.or(() -> kindProblem)
                .orElse(Condition.isTrue(Conditions.RESOLVED_REFS, "ResolvedRefs", "All references resolved"));
    }

    private static Optional<Condition> resolveKinds(ListenerState listener) {
        boolean servesRoutes = SUPPORTED_PROTOCOLS.contains(listener.spec.getProtocol());
        List<RouteGroupKind> kinds = listener.spec.getAllowedRoutes() == null ? null
                : listener.spec.getAllowedRoutes().getKinds();
        if (kinds == null || kinds.isEmpty()) {
            if (servesRoutes) {
                listener.supportedKinds.add(HTTP_ROUTE);
            }
            return Optional.empty();
        }
        List<String> invalid = new ArrayList<>();
        for (RouteGroupKind kind : kinds) {
            RouteKind wanted = new RouteKind(kind.getGroup() == null ? ApiGroups.GATEWAY : kind.getGroup(), kind.getKind());
            if (servesRoutes && wanted.equals(HTTP_ROUTE)) {
                if (!listener.supportedKinds.contains(wanted)) {
                    listener.supportedKinds.add(wanted);
                }
            } else {
                invalid.add(wanted.group().isEmpty() ? wanted.kind() : wanted.kind() + "." + wanted.group());
            }
        }
        if (invalid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Condition.isFalse(Conditions.RESOLVED_REFS, "InvalidRouteKinds", "Listener "
                + listener.name() + ": allowedRoutes.kinds " + invalid + " cannot be served on protocol "
                + listener.spec.getProtocol() + " (supported: HTTPRoute on HTTP and HTTPS)"));
    }

    private Optional<Condition> resolveCertificates(ListenerState listener, String gatewayNamespace) {
        List<SecretObjectReference> refs = listener.spec.getTls() == null ? null
                : listener.spec.getTls().getCertificateRefs();
        String where = "Listener " + listener.name() + ": ";
        if (listener.spec.getTls() != null && "Passthrough".equals(listener.spec.getTls().getMode())) {
            return Optional.of(invalidCertificate(where + "tls.mode Passthrough is not supported on HTTPS"));
        }
        if (refs == null || refs.isEmpty()) {
            return Optional.of(invalidCertificate(where + "HTTPS needs tls.certificateRefs"));
        }
        for (int i = 0; i < refs.size(); i++) {
            SecretObjectReference ref = refs.get(i);
            String field = where + "tls.certificateRefs[" + i + "] ";
            String group = ref.getGroup() == null ? "" : ref.getGroup();
            String kind = ref.getKind() == null ? ApiGroups.SECRET : ref.getKind();
            if (!group.isEmpty() || !kind.equals(ApiGroups.SECRET)) {
                return Optional.of(invalidCertificate(field + "refers to " + kind
                        + (group.isEmpty() ? "" : "." + group) + "; only core Secrets are supported"));
            }
            String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty()
                    ? gatewayNamespace : ref.getNamespace();
            if (!ReferenceGrants.permits(resources, ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, gatewayNamespace,
                    ApiGroups.CORE, ApiGroups.SECRET, namespace, ref.getName())) {
                return Optional.of(Condition.isFalse(Conditions.RESOLVED_REFS, "RefNotPermitted", field
                        + "Secret " + namespace + "/" + ref.getName()
                        + " is in another namespace and no ReferenceGrant there allows Gateways from " + gatewayNamespace));
            }
            ResourceKey key = ResourceKey.of(ApiGroups.CORE, ApiGroups.SECRET, namespace, ref.getName());
            Optional<Secret> secret = resources.get(key, Secret.class);
            if (secret.isEmpty()) {
                return Optional.of(invalidCertificate(field + "Secret " + key.namespacedName() + " does not exist"));
            }
            Optional<String> problem = secretProblem(secret.get());
            if (problem.isPresent()) {
                return Optional.of(invalidCertificate(field + "Secret " + key.namespacedName() + ": " + problem.get()));
            }
            listener.certificateSecrets.add(key);
        }
        return Optional.empty();
    }

    private static Optional<String> secretProblem(Secret secret) {
        if (secret.getType() != null && !secret.getType().equals("kubernetes.io/tls")) {
            return Optional.of("type is " + secret.getType() + ", expected kubernetes.io/tls");
        }
        try {
            return CertificatePem.problem(value(secret, "tls.crt"), value(secret, "tls.key"));
        } catch (IllegalArgumentException e) {
            return Optional.of("data is not valid base64: " + e.getMessage());
        }
    }

    /** A Secret value from data (base64) or stringData (plain text), or null. */
    static byte[] value(Secret secret, String name) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(name) != null) {
            return Base64.getMimeDecoder().decode(data.get(name));
        }
        Map<String, String> stringData = secret.getStringData();
        return stringData != null && stringData.get(name) != null
                ? stringData.get(name).getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    private static Condition invalidCertificate(String message) {
        return Condition.isFalse(Conditions.RESOLVED_REFS, "InvalidCertificateRef", message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
