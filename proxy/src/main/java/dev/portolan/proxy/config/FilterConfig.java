package dev.portolan.proxy.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** HTTPRoute filters. In JSON each carries a "type" property naming the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FilterConfig.RequestHeaderModifier.class, name = "RequestHeaderModifier"),
    @JsonSubTypes.Type(value = FilterConfig.ResponseHeaderModifier.class, name = "ResponseHeaderModifier"),
    @JsonSubTypes.Type(value = FilterConfig.RequestRedirect.class, name = "RequestRedirect"),
    @JsonSubTypes.Type(value = FilterConfig.UrlRewrite.class, name = "URLRewrite"),
    @JsonSubTypes.Type(value = FilterConfig.RequestMirror.class, name = "RequestMirror"),
    @JsonSubTypes.Type(value = FilterConfig.Cors.class, name = "CORS")
})
public sealed interface FilterConfig {

    /** Header edits applied in the order set, add, remove (as the Gateway API defines). */
    record RequestHeaderModifier(List<HeaderValue> set, List<HeaderValue> add, List<String> remove)
            implements FilterConfig {
        public RequestHeaderModifier {
            set = Checks.list(set, "RequestHeaderModifier", "set");
            add = Checks.list(add, "RequestHeaderModifier", "add");
            remove = Checks.list(remove, "RequestHeaderModifier", "remove");
        }
    }

    record ResponseHeaderModifier(List<HeaderValue> set, List<HeaderValue> add, List<String> remove)
            implements FilterConfig {
        public ResponseHeaderModifier {
            set = Checks.list(set, "ResponseHeaderModifier", "set");
            add = Checks.list(add, "ResponseHeaderModifier", "add");
            remove = Checks.list(remove, "ResponseHeaderModifier", "remove");
        }
    }

    /**
     * @param scheme null keeps the request's scheme
     * @param hostname null keeps the request's host
     * @param path null keeps the request's path
     * @param port null derives the port from the scheme (Gateway API rules)
     */
    record RequestRedirect(String scheme, String hostname, PathModifier path, Integer port, int statusCode)
            implements FilterConfig {
        public RequestRedirect {
            if (statusCode != 301 && statusCode != 302 && statusCode != 303 && statusCode != 307
                    && statusCode != 308) {
                throw new IllegalArgumentException("RequestRedirect.statusCode must be 301, 302, 303, 307 or 308, got "
                        + statusCode);
            }
            if (port != null) {
                Checks.port(port, "RequestRedirect", "port");
            }
        }
    }

    /** @param hostname null keeps the Host header; @param path null keeps the path. */
    record UrlRewrite(String hostname, PathModifier path) implements FilterConfig {
    }

    /** Mirrors {@code numerator/denominator} of the requests to {@code backend}, ignoring its answers. */
    record RequestMirror(BackendConfig backend, int numerator, int denominator) implements FilterConfig {
        public RequestMirror {
            Checks.required(backend, "RequestMirror", "backend");
            if (denominator < 1 || numerator < 0 || numerator > denominator) {
                throw new IllegalArgumentException("RequestMirror fraction must satisfy 0 <= numerator <= denominator"
                        + " and denominator >= 1, got " + numerator + "/" + denominator);
            }
        }
    }

    /** @param maxAgeSeconds null means no Access-Control-Max-Age header. */
    record Cors(
            List<String> allowOrigins,
            List<String> allowMethods,
            List<String> allowHeaders,
            List<String> exposeHeaders,
            boolean allowCredentials,
            Integer maxAgeSeconds)
            implements FilterConfig {
        public Cors {
            allowOrigins = Checks.list(allowOrigins, "Cors", "allowOrigins");
            allowMethods = Checks.list(allowMethods, "Cors", "allowMethods");
            allowHeaders = Checks.list(allowHeaders, "Cors", "allowHeaders");
            exposeHeaders = Checks.list(exposeHeaders, "Cors", "exposeHeaders");
        }
    }
}
