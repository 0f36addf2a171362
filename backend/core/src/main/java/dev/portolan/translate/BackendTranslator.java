package dev.portolan.translate;

import dev.portolan.graph.BackendView;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.graph.backendtls.CaCertificateBundle;
import dev.portolan.graph.backendtls.EffectiveBackendTls;
import dev.portolan.graph.backendtls.SubjectAltNameMatch;
import dev.portolan.model.ApiGroups;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.UpstreamTls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A resolved (or unresolved) backendRef → BackendConfig: endpoints, protocol, upstream TLS and the problem that
 * makes the proxy answer 500. Empty endpoints are not a problem: the proxy answers 503 for them.
 */
final class BackendTranslator {
    static final String H2C = "kubernetes.io/h2c";
    static final String WS = "kubernetes.io/ws";

    private final BackendTlsResult backendTls;

    BackendTranslator(BackendTlsResult backendTls) {
        this.backendTls = backendTls;
    }

    BackendConfig translate(BackendView view) {
        String name = name(view);
        BackendProtocol protocol = protocol(view.appProtocol());
        if (!view.resolved()) {
            return new BackendConfig(name, List.of(), protocol, null,
                    view.problemReason() + ": " + view.problem());
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (dev.portolan.graph.Endpoint endpoint : view.endpoints()) {
            // EndpointSlice ports are validated by the API server; a hand-written file may still hold 0.
            if (endpoint.port() >= 1 && endpoint.port() <= 65535 && !endpoint.ip().isBlank()) {
                endpoints.add(new Endpoint(endpoint.ip(), endpoint.port()));
            }
        }
        Optional<EffectiveBackendTls> policy = backendTls.forBackend(view.service(), view.port(), null);
        if (policy.isPresent()) {
            return new BackendConfig(name, endpoints, protocol, upstreamTls(view, policy.get()), null);
        }
        if (view.appProtocol() != null && view.appProtocol().equalsIgnoreCase("https")) {
            return new BackendConfig(name, endpoints, protocol, null, "Service " + name
                    + " port has appProtocol " + view.appProtocol() + " but no BackendTLSPolicy targets it;"
                    + " Portolan never sends plain HTTP to a TLS port");
        }
        return new BackendConfig(name, endpoints, protocol, null, null);
    }

    /** {@code ns/name:port} for Services; other kinds carry their group and kind in front. */
    static String name(BackendView view) {
        boolean service = ApiGroups.CORE.equals(view.group()) && ApiGroups.SERVICE.equals(view.kind());
        String prefix = service ? "" : view.kind() + (view.group().isEmpty() ? "" : "." + view.group()) + " ";
        return prefix + view.namespace() + "/" + view.name() + (view.port() == null ? "" : ":" + view.port());
    }

    static BackendProtocol protocol(String appProtocol) {
        if (appProtocol == null) {
            return BackendProtocol.HTTP1;
        }
        return switch (appProtocol.toLowerCase(Locale.ROOT)) {
            case H2C -> BackendProtocol.H2C;
            case WS -> BackendProtocol.WS;
            default -> BackendProtocol.HTTP1;
        };
    }

    private static UpstreamTls upstreamTls(BackendView view, EffectiveBackendTls tls) {
        String sni = tls.hostname().isBlank()
                ? view.name() + "." + view.namespace() + ".svc" : tls.hostname();
        String policy = "BackendTLSPolicy " + tls.policy().namespacedName();
        if (!tls.valid()) {
            String problem = tls.problem().isBlank() ? policy + " is invalid" : tls.problem();
            return new UpstreamTls(sni, List.of(), false, List.of(), problem);
        }
        List<String> caPems = tls.caCertificates().stream().map(CaCertificateBundle::pem).toList();
        List<String> subjectAltNames = tls.subjectAltNames().stream().map(SubjectAltNameMatch::value).toList();
        if (caPems.isEmpty() && !tls.useSystemCAs()) {
            return new UpstreamTls(sni, List.of(), false, subjectAltNames,
                    policy + " trusts no CA certificate; requests to " + name(view) + " fail instead of"
                            + " using unverified TLS");
        }
        return new UpstreamTls(sni, caPems, tls.useSystemCAs(), subjectAltNames, null);
    }
}
