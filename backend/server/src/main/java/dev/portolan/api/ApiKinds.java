package dev.portolan.api;

import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds the API names in paths and parameters: {@code /api/v1/<plural>} and {@code for=<kind>/<ns>/<name>}
 * (kind as singular, plural or Kind, any case, as gwctl and kubectl accept).
 */
public enum ApiKinds {
    GATEWAY_CLASSES("gatewayclasses", ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, false),
    GATEWAYS("gateways", ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, true),
    HTTP_ROUTES("httproutes", ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, true),
    REFERENCE_GRANTS("referencegrants", ApiGroups.GATEWAY, ApiGroups.REFERENCE_GRANT, true),
    BACKEND_TLS_POLICIES("backendtlspolicies", ApiGroups.GATEWAY, ApiGroups.BACKEND_TLS_POLICY, true),
    BACKENDS("backends", ApiGroups.CORE, ApiGroups.SERVICE, true),
    NAMESPACES("namespaces", ApiGroups.CORE, ApiGroups.NAMESPACE, false);

    private final String plural;
    private final String group;
    private final String kind;
    private final boolean namespaced;

    ApiKinds(String plural, String group, String kind, boolean namespaced) {
        this.plural = plural;
        this.group = group;
        this.kind = kind;
        this.namespaced = namespaced;
    }

    public String plural() {
        return plural;
    }

    public String group() {
        return group;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public ResourceKey key(String namespace, String name) {
        return ResourceKey.of(group, kind, namespaced ? namespace : "", name);
    }

    /** The API path of one object, e.g. {@code /api/v1/gateways/default/web} or {@code /api/v1/namespaces/team-a}. */
    public String path(ResourceKey key) {
        return "/api/v1/" + plural + "/" + (namespaced ? key.namespace() + "/" : "") + key.name();
    }

    /** By plural, singular or Kind, any case ({@code svc} and {@code service} name backends). */
    public static Optional<ApiKinds> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ApiKinds kind : values()) {
            String singular = kind.kind.toLowerCase(Locale.ROOT);
            if (wanted.equals(kind.plural) || wanted.equals(singular) || wanted.equals(singular + "s")) {
                return Optional.of(kind);
            }
        }
        if (List.of("svc", "service", "services", "backend").contains(wanted)) {
            return Optional.of(BACKENDS);
        }
        return Optional.empty();
    }

    /** The kind of an object key, if the API serves it. */
    public static Optional<ApiKinds> of(ResourceKey key) {
        for (ApiKinds kind : values()) {
            if (kind.group.equals(key.group()) && kind.kind.equals(key.kind())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses {@code KIND/NAMESPACE/NAME} or {@code KIND/NAME} (namespace {@code default}), gwctl's {@code --for}.
     *
     * @throws ApiException 400 naming the parameter when it does not parse
     */
    public static ResourceKey parseReference(String parameter, String value) {
        String[] parts = value == null ? new String[0] : value.split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw ApiException.badRequest(null, parameter,
                    "\"" + value + "\" is not KIND/NAMESPACE/NAME or KIND/NAME (e.g. gateway/default/web)");
        }
        ApiKinds kind = byName(parts[0]).orElseThrow(() -> ApiException.badRequest(null, parameter,
                "unknown kind \"" + parts[0] + "\" (one of gatewayclass, gateway, httproute, referencegrant, "
                        + "backendtlspolicy, backend, namespace)"));
        if (!kind.namespaced) {
            if (parts.length == 3) {
                throw ApiException.badRequest(null, parameter, kind.kind + " is cluster-scoped: use "
                        + kind.kind.toLowerCase(Locale.ROOT) + "/NAME");
            }
            return kind.key("", parts[1]);
        }
        return parts.length == 3 ? kind.key(parts[1], parts[2]) : kind.key("default", parts[1]);
    }
}
