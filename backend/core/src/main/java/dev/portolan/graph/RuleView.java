package dev.portolan.graph;

import dev.portolan.model.DeclaredTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import java.util.List;

/**
 * One HTTPRoute rule, with its backends resolved.
 *
 * @param name    {@code rules[].name}, null when unset
 * @param mirrors the backends of RequestMirror filters, in filter order
 * @param retry   null when unset
 */
public record RuleView(int index, String name, List<HTTPRouteMatch> matches, List<HTTPRouteFilter> filters,
                       DeclaredTimeouts timeouts, HTTPRouteRetry retry, List<BackendView> backends,
                       List<BackendView> mirrors) {
}
