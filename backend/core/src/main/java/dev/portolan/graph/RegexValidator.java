package dev.portolan.graph;

import dev.portolan.proxy.config.RouteRegex;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import java.util.List;
import java.util.Optional;

/**
 * Checks the RegularExpression matches of a rule (path, headers, query params) with the proxy's own
 * {@link RouteRegex}, the one owner of "is this regex acceptable" (RE2). A pattern it refuses makes the route not
 * accepted, naming the field, instead of reaching the proxy.
 */
final class RegexValidator {
    private static final String REGEX = "RegularExpression";

    private RegexValidator() {
    }

    /** The first refused pattern of the rule, e.g. "spec.rules[0].matches[1].path.value is not ...". */
    static Optional<String> validate(int ruleIndex, List<HTTPRouteMatch> matches) {
        if (matches == null) {
            return Optional.empty();
        }
        for (int m = 0; m < matches.size(); m++) {
            HTTPRouteMatch match = matches.get(m);
            String where = "spec.rules[" + ruleIndex + "].matches[" + m + "].";
            if (match.getPath() != null && REGEX.equals(match.getPath().getType()) && match.getPath().getValue() != null) {
                String problem = RouteRegex.problem(match.getPath().getValue(), where + "path.value");
                if (problem != null) {
                    return Optional.of(problem);
                }
            }
            List<HTTPHeaderMatch> headers = match.getHeaders() == null ? List.of() : match.getHeaders();
            for (int h = 0; h < headers.size(); h++) {
                HTTPHeaderMatch header = headers.get(h);
                if (REGEX.equals(header.getType()) && header.getValue() != null) {
                    String problem = RouteRegex.problem(header.getValue(), where + "headers[" + h + "].value");
                    if (problem != null) {
                        return Optional.of(problem);
                    }
                }
            }
            List<HTTPQueryParamMatch> params = match.getQueryParams() == null ? List.of() : match.getQueryParams();
            for (int q = 0; q < params.size(); q++) {
                HTTPQueryParamMatch param = params.get(q);
                if (REGEX.equals(param.getType()) && param.getValue() != null) {
                    String problem = RouteRegex.problem(param.getValue(), where + "queryParams[" + q + "].value");
                    if (problem != null) {
                        return Optional.of(problem);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
