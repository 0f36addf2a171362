package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.graph.backendtls.CaCertificateBundle;
import dev.portolan.graph.backendtls.EffectiveBackendTls;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.config.WeightedBackend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** A rule's backends as the proxy would use them: weight and share, endpoints, protocol and backend TLS. */
final class BackendDescriptions {
    private BackendDescriptions() {
    }

    static ArrayNode describe(List<WeightedBackend> backends, BackendTlsResult backendTls, List<String> steps) {
        int total = backends.stream().mapToInt(WeightedBackend::weight).sum();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (WeightedBackend weighted : backends) {
            BackendConfig backend = weighted.backend();
            ObjectNode b = out.addObject();
            b.put("name", backend.name());
            b.put("weight", weighted.weight());
            double share = total == 0 ? 0 : 100.0 * weighted.weight() / total;
            b.put("sharePercent", BigDecimal.valueOf(share).setScale(1, RoundingMode.HALF_UP).doubleValue());
            b.put("protocol", backend.protocol().name());
            ArrayNode endpoints = b.putArray("endpoints");
            for (Endpoint endpoint : backend.endpoints()) {
                endpoints.add(endpoint.host() + ":" + endpoint.port());
            }
            if (backend.problem() != null) {
                b.put("problem", backend.problem());
            }
            if (backend.tls() != null) {
                b.set("tls", tls(backend, backendTls));
            }
            b.put("usable", backend.isUsable() && !backend.endpoints().isEmpty());
            steps.add(backendStep(weighted, share, total));
        }
        return out;
    }

    private static ObjectNode tls(BackendConfig backend, BackendTlsResult backendTls) {
        UpstreamTls tls = backend.tls();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("sni", tls.sni());
        Optional<EffectiveBackendTls> effective = serviceOf(backend.name())
                .flatMap(target -> backendTls.forBackend(target.service(), target.port(), null));
        effective.ifPresent(e -> out.put("policy", e.policy().toString()));
        ArrayNode sources = out.putArray("caSources");
        effective.ifPresent(e -> {
            for (CaCertificateBundle bundle : e.caCertificates()) {
                sources.addObject().put("configMap", bundle.configMap().namespacedName()).put("key", bundle.dataKey())
                        .put("certificates", bundle.certificateCount());
            }
        });
        out.put("caCertificates", tls.caPems().size());
        out.put("useSystemCAs", tls.useSystemCAs());
        ArrayNode sans = out.putArray("subjectAltNames");
        tls.subjectAltNames().forEach(sans::add);
        out.put("verifies", tls.subjectAltNames().isEmpty() ? "hostname " + tls.sni() : "subjectAltNames");
        if (tls.problem() != null) {
            out.put("problem", tls.problem());
        }
        return out;
    }

    private static String backendStep(WeightedBackend weighted, double share, int total) {
        BackendConfig backend = weighted.backend();
        StringBuilder step = new StringBuilder("backend ").append(backend.name()).append(": weight ")
                .append(weighted.weight());
        if (total > 0) {
            step.append(" (").append(String.format(java.util.Locale.ROOT, "%.1f", share)).append("% of requests)");
        }
        step.append(", ").append(backend.protocol());
        if (backend.tls() != null) {
            UpstreamTls tls = backend.tls();
            step.append(", TLS with SNI ").append(tls.sni());
            if (tls.problem() != null) {
                step.append(" - cannot be honoured: ").append(tls.problem()).append(" (the proxy answers 5xx)");
            }
        }
        if (backend.problem() != null) {
            step.append(" - ").append(backend.problem()).append(" (the proxy answers 500)");
        } else if (backend.endpoints().isEmpty()) {
            step.append(" - no ready endpoints (the proxy answers 503)");
        } else {
            step.append(", endpoints ").append(backend.endpoints().stream().map(e -> e.host() + ":" + e.port())
                    .toList());
        }
        return step.toString();
    }

    record ServicePort(ResourceKey service, int port) {
    }

    /** Services are named {@code namespace/name:port} in the config; other kinds carry a kind prefix. */
    static Optional<ServicePort> serviceOf(String backendName) {
        if (backendName.contains(" ")) {
            return Optional.empty();
        }
        int slash = backendName.indexOf('/');
        int colon = backendName.lastIndexOf(':');
        if (slash <= 0 || colon < slash) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(backendName.substring(colon + 1));
            return Optional.of(new ServicePort(ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE,
                    backendName.substring(0, slash), backendName.substring(slash + 1, colon)), port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
