package dev.portolan.translate;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.HeaderValue;
import dev.portolan.proxy.config.PathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import java.util.ArrayList;
import java.util.List;

/** HTTPRouteFilter → FilterConfig. Filters the proxy cannot apply are reported, never silently dropped. */
final class FilterTranslator {
    /** CRD default of {@code cors.maxAge}; manifests read from files never went through API server defaulting. */
    static final int DEFAULT_CORS_MAX_AGE = 5;
    static final int DEFAULT_REDIRECT_STATUS = 302;

    private FilterTranslator() {
    }

    /** @param mirrorBackend the resolved backend of a RequestMirror filter, null for other filters */
    static FilterConfig translate(HTTPRouteFilter filter, BackendConfig mirrorBackend) throws Unexpressible {
        String type = filter.getType() == null ? "" : filter.getType();
        return switch (type) {
            case "RequestHeaderModifier" -> {
                HTTPHeaderFilter f = required(filter.getRequestHeaderModifier(), type);
                yield MatchTranslator.build(() -> new FilterConfig.RequestHeaderModifier(
                        headers(f.getSet()), headers(f.getAdd()), f.getRemove()));
            }
            case "ResponseHeaderModifier" -> {
                HTTPHeaderFilter f = required(filter.getResponseHeaderModifier(), type);
                yield MatchTranslator.build(() -> new FilterConfig.ResponseHeaderModifier(
                        headers(f.getSet()), headers(f.getAdd()), f.getRemove()));
            }
            case "RequestRedirect" -> redirect(required(filter.getRequestRedirect(), type));
            case "URLRewrite" -> {
                HTTPURLRewriteFilter f = required(filter.getUrlRewrite(), type);
                PathModifier path = path(f.getPath());
                yield MatchTranslator.build(() -> new FilterConfig.UrlRewrite(blankToNull(f.getHostname()), path));
            }
            case "RequestMirror" -> mirror(required(filter.getRequestMirror(), type), mirrorBackend);
            case "CORS" -> cors(required(filter.getCors(), type));
            default -> throw new Unexpressible("filter type " + (type.isEmpty() ? "(unset)" : type)
                    + " is not supported by the Portolan proxy");
        };
    }

    private static FilterConfig redirect(HTTPRequestRedirectFilter f) throws Unexpressible {
        PathModifier path = path(f.getPath());
        int status = f.getStatusCode() == null ? DEFAULT_REDIRECT_STATUS : f.getStatusCode();
        return MatchTranslator.build(() -> new FilterConfig.RequestRedirect(blankToNull(f.getScheme()),
                blankToNull(f.getHostname()), path, f.getPort(), status));
    }

    private static FilterConfig mirror(HTTPRequestMirrorFilter f, BackendConfig backend) throws Unexpressible {
        if (backend == null) {
            throw new Unexpressible("RequestMirror has no backendRef");
        }
        int numerator = 1;
        int denominator = 1;
        if (f.getPercent() != null) {
            numerator = f.getPercent();
            denominator = 100;
        } else if (f.getFraction() != null) {
            numerator = f.getFraction().getNumerator() == null ? 0 : f.getFraction().getNumerator();
            denominator = f.getFraction().getDenominator() == null ? 100 : f.getFraction().getDenominator();
        }
        int n = numerator;
        int d = denominator;
        return MatchTranslator.build(() -> new FilterConfig.RequestMirror(backend, n, d));
    }

    private static FilterConfig cors(HTTPCORSFilter f) throws Unexpressible {
        return MatchTranslator.build(() -> new FilterConfig.Cors(f.getAllowOrigins(), f.getAllowMethods(),
                f.getAllowHeaders(), f.getExposeHeaders(), Boolean.TRUE.equals(f.getAllowCredentials()),
                f.getMaxAge() == null ? DEFAULT_CORS_MAX_AGE : f.getMaxAge()));
    }

    private static PathModifier path(HTTPPathModifier modifier) throws Unexpressible {
        if (modifier == null) {
            return null;
        }
        String type = modifier.getType() == null ? "" : modifier.getType();
        return switch (type) {
            case "ReplaceFullPath" -> new PathModifier(PathModifier.Type.FULL, orSlash(modifier.getReplaceFullPath()));
            case "ReplacePrefixMatch" ->
                    new PathModifier(PathModifier.Type.PREFIX, orSlash(modifier.getReplacePrefixMatch()));
            default -> throw new Unexpressible("path modifier type " + (type.isEmpty() ? "(unset)" : type)
                    + " is not supported");
        };
    }

    private static List<HeaderValue> headers(List<HTTPHeader> headers) {
        List<HeaderValue> out = new ArrayList<>();
        if (headers != null) {
            headers.forEach(h -> out.add(new HeaderValue(h.getName(), h.getValue() == null ? "" : h.getValue())));
        }
        return out;
    }

    private static <T> T required(T value, String type) throws Unexpressible {
        if (value == null) {
            throw new Unexpressible("filter type " + type + " has no " + type + " settings");
        }
        return value;
    }

    private static String orSlash(String value) {
        return value == null || value.isEmpty() ? "/" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
