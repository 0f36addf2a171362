package dev.portolan.translate;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.PathMatchType;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.ValueMatchType;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import java.util.ArrayList;
import java.util.List;

/** HTTPRouteMatch → MatchConfig, applying the Gateway API defaults (PathPrefix "/", Exact values). */
final class MatchTranslator {
    private MatchTranslator() {
    }

    static MatchConfig translate(HTTPRouteMatch match) throws Unexpressible {
        List<HeaderMatch> headers = new ArrayList<>();
        if (match.getHeaders() != null) {
            for (HTTPHeaderMatch header : match.getHeaders()) {
                ValueMatchType type = valueType(header.getType(), "headers " + header.getName());
                headers.add(build(() -> new HeaderMatch(type, header.getName(), orEmpty(header.getValue()))));
            }
        }
        List<QueryParamMatch> queryParams = new ArrayList<>();
        if (match.getQueryParams() != null) {
            for (HTTPQueryParamMatch param : match.getQueryParams()) {
                ValueMatchType type = valueType(param.getType(), "queryParams " + param.getName());
                queryParams.add(build(() -> new QueryParamMatch(type, param.getName(), orEmpty(param.getValue()))));
            }
        }
        PathMatch path = path(match.getPath());
        String method = match.getMethod() == null || match.getMethod().isEmpty() ? null : match.getMethod();
        return new MatchConfig(path, headers, queryParams, method);
    }

    private static PathMatch path(HTTPPathMatch path) throws Unexpressible {
        if (path == null) {
            return PathMatch.prefix("/");
        }
        String value = path.getValue() == null ? "/" : path.getValue();
        String type = path.getType() == null ? "PathPrefix" : path.getType();
        PathMatchType matchType = switch (type) {
            case "Exact" -> PathMatchType.EXACT;
            case "PathPrefix" -> PathMatchType.PREFIX;
            case "RegularExpression" -> PathMatchType.REGEX;
            default -> throw new Unexpressible("path match type " + type + " is not supported");
        };
        return build(() -> new PathMatch(matchType, value));
    }

    private static ValueMatchType valueType(String type, String what) throws Unexpressible {
        if (type == null || type.equals("Exact")) {
            return ValueMatchType.EXACT;
        }
        if (type.equals("RegularExpression")) {
            return ValueMatchType.REGEX;
        }
        throw new Unexpressible(what + ": match type " + type + " is not supported");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The config records validate (regex syntax, blank names); their message says what is wrong. */
    static <T> T build(java.util.function.Supplier<T> constructor) throws Unexpressible {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new Unexpressible(e.getMessage());
        }
    }
}
