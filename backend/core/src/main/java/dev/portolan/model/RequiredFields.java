package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The fields the Gateway API CRDs (standard channel) and the core API mark {@code required} (with
 * {@code minLength: 1} / {@code minItems: 1} where the schema says so), for the kinds Portolan reads. The API server
 * refuses an object without them; so does Portolan, naming the first missing field, before anything downstream
 * dereferences it. Paths use {@code []} for "every element of this list".
 */
public final class RequiredFields {
    private static final List<String> LOCAL_REF = List.of("group", "kind", "name");
    private static final List<String> HEADER_MODIFIER = List.of("set[].name", "set[].value", "add[].name",
            "add[].value");
    private static final Map<String, List<String>> BY_KIND = Map.of(
            ApiGroups.GATEWAY_CLASS, List.of("spec", "spec.controllerName", "spec.parametersRef.group",
                    "spec.parametersRef.kind", "spec.parametersRef.name"),
            ApiGroups.GATEWAY_KIND, List.of("spec", "spec.gatewayClassName", "spec.listeners+", "spec.listeners[].name",
                    "spec.listeners[].port", "spec.listeners[].protocol", "spec.listeners[].tls.certificateRefs[].name",
                    "spec.listeners[].allowedRoutes.kinds[].kind", "spec.addresses[].value",
                    "spec.infrastructure.parametersRef.group", "spec.infrastructure.parametersRef.kind",
                    "spec.infrastructure.parametersRef.name"),
            ApiGroups.HTTP_ROUTE, httpRoute(),
            ApiGroups.REFERENCE_GRANT, List.of("spec", "spec.from+", "spec.to+", "spec.from[].group", "spec.from[].kind",
                    "spec.from[].namespace", "spec.to[].group", "spec.to[].kind"),
            ApiGroups.SERVICE, List.of("spec.ports[].port"),
            ApiGroups.ENDPOINT_SLICE, List.of("addressType", "endpoints[].addresses"));
    /**
     * Only what it targets: a malformed {@code spec.validation} is kept so that the policy is {@code Accepted=False}
     * and its backend fails closed (refusing the object would silently send that backend's traffic in plaintext).
     */
    private static final List<String> BACKEND_TLS_POLICY_V1 = List.of("spec", "spec.targetRefs+",
            "spec.targetRefs[].group", "spec.targetRefs[].kind", "spec.targetRefs[].name");

    private RequiredFields() {
    }

    private static List<String> httpRoute() {
        List<String> filterPaths = new java.util.ArrayList<>(List.of("type", "requestMirror.backendRef.name",
                "requestRedirect.path.type", "urlRewrite.path.type"));
        LOCAL_REF.forEach(field -> filterPaths.add("extensionRef." + field));
        HEADER_MODIFIER.forEach(field -> filterPaths.add("requestHeaderModifier." + field));
        HEADER_MODIFIER.forEach(field -> filterPaths.add("responseHeaderModifier." + field));
        List<String> paths = new java.util.ArrayList<>(List.of("spec", "spec.parentRefs[].name",
                "spec.rules[].backendRefs[].name", "spec.rules[].matches[].headers[].name",
                "spec.rules[].matches[].headers[].value", "spec.rules[].matches[].queryParams[].name",
                "spec.rules[].matches[].queryParams[].value"));
        filterPaths.forEach(path -> paths.add("spec.rules[].filters[]." + path));
        filterPaths.forEach(path -> paths.add("spec.rules[].backendRefs[].filters[]." + path));
        return List.copyOf(paths);
    }

    /**
     * Checks a manifest of a kind Portolan reads.
     *
     * @throws ManifestException naming the first missing or empty required field, e.g. {@code spec.parentRefs[0].name}
     */
    public static void check(ResourceKey key, String apiVersion, JsonNode manifest) {
        List<String> paths = ApiGroups.BACKEND_TLS_POLICY.equals(key.kind())
                ? (apiVersion.endsWith("/v1") ? BACKEND_TLS_POLICY_V1 : List.of())
                : BY_KIND.getOrDefault(key.kind(), List.of());
        for (String path : paths) {
            check(manifest, path, "");
        }
        refuseNullItems(manifest, "");
    }

    /**
     * No list in these kinds' schemas admits a null item ({@code rules: [null]} or {@code rules: [~]}); the API server
     * refuses one as "must be of type object", and nothing downstream should have to expect it.
     */
    private static void refuseNullItems(JsonNode node, String where) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String here = where + "[" + i + "]";
                if (node.get(i).isNull()) {
                    throw new ManifestException(here, "must not be null");
                }
                refuseNullItems(node.get(i), here);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field ->
                    refuseNullItems(field.getValue(), where.isEmpty() ? field.getKey() : where + "." + field.getKey()));
        }
    }

    /** Walks {@code path} below {@code node}; {@code where} is the concrete path so far, for the message. */
    private static void check(JsonNode node, String path, String where) {
        int dot = path.indexOf('.');
        String step = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        boolean each = step.endsWith("[]");
        boolean nonEmptyList = step.endsWith("+");
        String field = each ? step.substring(0, step.length() - 2) : nonEmptyList ? step.substring(0, step.length() - 1) : step;
        String here = where.isEmpty() ? field : where + "." + field;
        JsonNode value = node.get(field);
        if (each) {
            if (value != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        check(value.get(i), rest, here + "[" + i + "]");
                    }
                }
            }
            return;
        }
        if (!rest.isEmpty()) {
            // An optional parent that is absent: its children are required only when it is there.
            if (value != null && value.isObject()) {
                check(value, rest, here);
            }
            return;
        }
        if (value == null || value.isNull()) {
            throw new ManifestException(here, "is required");
        }
        // A group may be "" (the core API group); every other required string has minLength 1.
        if (value.isTextual() && value.asText().isEmpty() && !field.equals("group")) {
            throw new ManifestException(here, "must not be empty");
        }
        if (nonEmptyList && (!value.isArray() || value.isEmpty())) {
            throw new ManifestException(here, "must list at least one item");
        }
    }
}
