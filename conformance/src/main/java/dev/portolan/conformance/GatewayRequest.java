package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of an {@code http} (or distribution) step: where to send it and what to send.
 *
 * @param host       Host header; null = the address connected to
 * @param protocol   HTTP/1.1 (null), {@code H2C_PRIOR_KNOWLEDGE} or {@code H2}
 * @param serverName SNI for https (null for http)
 * @param trustSecret the Secret whose {@code tls.crt} the client trusts (null for http)
 */
public record GatewayRequest(ResourceKey gateway, int specPort, String scheme, String method, String path, String host,
                             Map<String, String> headers, String protocol, String serverName, ResourceKey trustSecret) {
    public static final String ECHO_SET_HEADER = "X-Echo-Set-Header";

    public static GatewayRequest from(JsonNode step) {
        JsonNode target = step.path("target");
        JsonNode request = step.path("request");
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.put(ECHO_SET_HEADER, echoSetHeader(step.path("backendSetResponseHeaders")));
        JsonNode tls = step.path("tls");
        return new GatewayRequest(ObjectReferences.gatewayKey(target.path("gateway").asText()),
                target.path("port").asInt(80), target.path("scheme").asText("http"),
                request.path("method").asText("GET"), request.path("path").asText("/"),
                request.hasNonNull("host") ? request.get("host").asText() : null, Map.copyOf(headers),
                request.hasNonNull("protocol") ? request.get("protocol").asText() : null,
                tls.hasNonNull("serverName") ? tls.get("serverName").asText() : null,
                tls.hasNonNull("trustCertificateFromSecret")
                        ? ObjectReferences.key(ApiGroups.CORE, ApiGroups.SECRET, tls.get("trustCertificateFromSecret").asText()) : null);
    }

    /** {@code Name:value,Name2:value2}, in the case's order; empty when the case sets nothing. */
    static String echoSetHeader(JsonNode backendSetResponseHeaders) {
        StringBuilder out = new StringBuilder();
        backendSetResponseHeaders.fields().forEachRemaining(e -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(e.getKey()).append(':').append(e.getValue().asText());
        });
        return out.toString();
    }

    public GatewayRequest withPath(String newPath) {
        return new GatewayRequest(gateway, specPort, scheme, method, newPath, host, headers, protocol, serverName, trustSecret);
    }

    public GatewayRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new GatewayRequest(gateway, specPort, scheme, method, path, host, Map.copyOf(copy), protocol, serverName, trustSecret);
    }

    public boolean https() {
        return scheme.equalsIgnoreCase("https");
    }
}
