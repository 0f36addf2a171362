package dev.portolan.model;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;

/**
 * An HTTPRoute rule's own {@code timeouts} (GEP-1742), each field parsed once; the graph validates them and the
 * policy engine merges them with TimeoutPolicies. A null field was not set.
 */
public record DeclaredTimeouts(TimeoutValue request, TimeoutValue backendRequest) {
    public static final DeclaredTimeouts NONE = new DeclaredTimeouts(null, null);

    public static DeclaredTimeouts of(HTTPRouteTimeouts spec) {
        if (spec == null) {
            return NONE;
        }
        return new DeclaredTimeouts(parse(spec.getRequest()), parse(spec.getBackendRequest()));
    }

    /** The request timeout's duration; null when unset or invalid. */
    public java.time.Duration requestDuration() {
        return request == null ? null : request.duration();
    }

    /** The backendRequest timeout's duration; null when unset or invalid. */
    public java.time.Duration backendRequestDuration() {
        return backendRequest == null ? null : backendRequest.duration();
    }

    private static TimeoutValue parse(String text) {
        return text == null ? null : TimeoutValue.parse(text);
    }
}
