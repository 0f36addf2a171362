package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves the rules of an HTTPRoute: backends, mirror backends and timeouts. */
final class RouteRulesResolver {
    private final BackendResolver backends;

    RouteRulesResolver(BackendResolver backends) {
        this.backends = backends;
    }

    /**
     * @param rules           the resolved rules, in spec order
     * @param valueProblem    the first invalid timeout or regular expression, if any (makes the route not
     *                        accepted: UnsupportedValue)
     */
    record Result(List<RuleView> rules, Optional<String> valueProblem) {

        /** ResolvedRefs for the route: the first unresolved backend in rule order decides the reason. */
        Condition resolvedRefs() {
            return rules.stream()
                    .flatMap(r -> java.util.stream.Stream.concat(r.backends().stream(), r.mirrors().stream()))
                    .filter(b -> !b.resolved())
                    .findFirst()
                    .map(b -> Condition.isFalse(Conditions.RESOLVED_REFS, b.problemReason(), b.problem()))
                    .orElse(Condition.isTrue(Conditions.RESOLVED_REFS, "ResolvedRefs", "All references resolved"));
        }
    }

    Result resolve(ResourceKey routeKey, HTTPRoute route) {
        List<HTTPRouteRule> specs = route.getSpec().getRules() == null ? List.of() : route.getSpec().getRules();
        List<RuleView> rules = new ArrayList<>();
        Optional<String> valueProblem = Optional.empty();
        for (int i = 0; i < specs.size(); i++) {
            HTTPRouteRule spec = specs.get(i);
            TimeoutValidator.Result timeouts = TimeoutValidator.validate(i, spec.getTimeouts());
            if (valueProblem.isEmpty()) {
                valueProblem = timeouts.problem();
            }
            if (valueProblem.isEmpty()) {
                valueProblem = RegexValidator.validate(i, spec.getMatches());
            }
            List<HTTPRouteFilter> filters = spec.getFilters() == null ? List.of() : List.copyOf(spec.getFilters());
            rules.add(new RuleView(i, spec.getName(), spec.getMatches() == null ? List.of() : List.copyOf(spec.getMatches()),
                    filters, timeouts.timeouts(), spec.getRetry(), backendsOf(routeKey, spec), mirrorsOf(routeKey, filters)));
        }
        return new Result(List.copyOf(rules), valueProblem);
    }

    private List<BackendView> backendsOf(ResourceKey routeKey, HTTPRouteRule rule) {
        List<BackendView> out = new ArrayList<>();
        if (rule.getBackendRefs() != null) {
            for (HTTPBackendRef ref : rule.getBackendRefs()) {
                int weight = ref.getWeight() == null ? 1 : ref.getWeight();
                out.add(backends.resolve(routeKey, new BackendResolver.Ref(ref.getGroup(), ref.getKind(),
                        ref.getNamespace(), ref.getName(), ref.getPort(), weight)));
            }
        }
        return List.copyOf(out);
    }

    private List<BackendView> mirrorsOf(ResourceKey routeKey, List<HTTPRouteFilter> filters) {
        List<BackendView> out = new ArrayList<>();
        for (HTTPRouteFilter filter : filters) {
            if (filter.getRequestMirror() != null && filter.getRequestMirror().getBackendRef() != null) {
                BackendObjectReference ref = filter.getRequestMirror().getBackendRef();
                out.add(backends.resolve(routeKey, new BackendResolver.Ref(ref.getGroup(), ref.getKind(),
                        ref.getNamespace(), ref.getName(), ref.getPort(), 1)));
            }
        }
        return List.copyOf(out);
    }
}
