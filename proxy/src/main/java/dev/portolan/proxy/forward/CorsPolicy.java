package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.FilterConfig.Cors;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * The CORS filter: recognises preflights and computes the Access-Control-* answer headers. The allowed origin is
 * always echoed (never "*") so that the answer is valid with and without credentials.
 */
final class CorsPolicy {

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";

    private final Cors config;
    private final List<OriginPattern> origins;

    CorsPolicy(Cors config) {
        this.config = config;
        this.origins = config.allowOrigins().stream().map(OriginPattern::of).toList();
    }

    static boolean isPreflight(String method, HttpFields requestHeaders) {
        return "OPTIONS".equals(method) && requestHeaders.contains(ORIGIN) && requestHeaders.contains(REQUEST_METHOD);
    }

    boolean allows(String origin) {
        return origin != null && origins.stream().anyMatch(p -> p.matches(origin));
    }

    /** Headers for a preflight answer; nothing when the origin is not allowed. */
    void preflightHeaders(HttpFields requestHeaders, HttpFields.Mutable answer) {
        String origin = requestHeaders.get(ORIGIN);
        if (!allows(origin)) {
            return;
        }
        commonHeaders(origin, answer);
        String requestedMethod = requestHeaders.get(REQUEST_METHOD);
        if (config.allowMethods().contains("*")) {
            answer.put("Access-Control-Allow-Methods", requestedMethod);
        } else if (!config.allowMethods().isEmpty()) {
            answer.put("Access-Control-Allow-Methods", String.join(", ", config.allowMethods()));
        }
        String requestedHeaders = requestHeaders.get(REQUEST_HEADERS);
        if (config.allowHeaders().contains("*")) {
            if (requestedHeaders != null && !requestedHeaders.isBlank()) {
                answer.put("Access-Control-Allow-Headers", requestedHeaders);
            }
        } else if (!config.allowHeaders().isEmpty()) {
            answer.put("Access-Control-Allow-Headers", String.join(", ", config.allowHeaders()));
        }
        if (config.maxAgeSeconds() != null) {
            answer.put("Access-Control-Max-Age", String.valueOf(config.maxAgeSeconds()));
        }
    }

    /** Headers added to a backend's answer to an actual (non-preflight) cross-origin request. */
    void actualRequestHeaders(HttpFields requestHeaders, HttpFields.Mutable answer) {
        String origin = requestHeaders.get(ORIGIN);
        if (allows(origin)) {
            commonHeaders(origin, answer);
        }
    }

    private void commonHeaders(String origin, HttpFields.Mutable answer) {
        answer.put("Access-Control-Allow-Origin", origin);
        answer.add("Vary", "Origin");
        if (config.allowCredentials()) {
            answer.put("Access-Control-Allow-Credentials", "true");
        }
        if (!config.exposeHeaders().isEmpty()) {
            answer.put("Access-Control-Expose-Headers", String.join(", ", config.exposeHeaders()));
        }
    }
}
