package dev.portolan.translate;

import dev.portolan.graph.BackendView;
import dev.portolan.graph.RuleView;
import dev.portolan.model.GatewayDuration;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyReport;
import dev.portolan.policy.TimeoutSetting;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.RetryConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.WeightedBackend;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One HTTPRoute rule under one parent Gateway → RuleConfig. A rule whose filters cannot be expressed keeps its
 * matches but loses its backends, so the proxy answers 500 for it instead of skipping the filter; a match that
 * cannot be expressed is dropped (and the rule with it when no match is left, since no matches means "all").
 */
final class RuleTranslator {
    /** Retry attempts when {@code retry.attempts} is unset (implementation-specific per GEP-1731). */
    static final int DEFAULT_RETRY_ATTEMPTS = 1;

    private final BackendTranslator backends;
    private final PolicyReport policies;
    private final Problems problems;

    RuleTranslator(BackendTranslator backends, PolicyReport policies, Problems problems) {
        this.backends = backends;
        this.policies = policies;
        this.problems = problems;
    }

    /**
     * @param spec    the rule as written (for backendRef filters), null if the route object is unavailable
     * @param gateway the parent Gateway as {@code <ns>/<name>} (timeout policies depend on it)
     */
    Optional<RuleConfig> translate(ResourceKey route, RuleView rule, HTTPRouteRule spec, String gateway) {
        String field = "spec.rules[" + rule.index() + "]";
        List<MatchConfig> matches = new ArrayList<>();
        for (int i = 0; i < rule.matches().size(); i++) {
            HTTPRouteMatch match = rule.matches().get(i);
            try {
                matches.add(MatchTranslator.translate(match));
            } catch (Unexpressible e) {
                problems.add(route, field + ".matches[" + i + "]", e.getMessage() + "; the match is left out");
            }
        }
        if (!rule.matches().isEmpty() && matches.isEmpty()) {
            problems.add(route, field + ".matches", "no match can be expressed; the rule is left out");
            problems.ruleDisabled(route, rule.index());
            return Optional.empty();
        }
        if (matches.isEmpty()) {
            matches.add(MatchConfig.any());
        }
        List<FilterConfig> filters;
        List<WeightedBackend> weighted;
        try {
            filters = filters(rule.filters(), rule.mirrors(), field + ".filters");
            weighted = weightedBackends(rule, spec, field);
        } catch (Unexpressible e) {
            problems.add(route, e.field() == null ? field : e.field(),
                    e.getMessage() + "; the rule has no backends, so the proxy answers 500");
            problems.ruleDisabled(route, rule.index());
            filters = List.of();
            weighted = List.of();
        }
        return Optional.of(new RuleConfig(rule.index(), rule.name(), matches, filters, weighted,
                timeouts(route, rule, gateway, field), retry(route, rule.retry(), field + ".retry")));
    }

    /** Translates filters in order; the n-th RequestMirror filter with a backendRef uses the n-th mirror. */
    private List<FilterConfig> filters(List<HTTPRouteFilter> specs, List<BackendView> mirrors, String field)
            throws Unexpressible {
        List<FilterConfig> out = new ArrayList<>();
        int mirror = 0;
        for (int i = 0; i < specs.size(); i++) {
            HTTPRouteFilter filter = specs.get(i);
            BackendConfig mirrorBackend = null;
            if (filter.getRequestMirror() != null && filter.getRequestMirror().getBackendRef() != null) {
                mirrorBackend = mirror < mirrors.size() ? backends.translate(mirrors.get(mirror)) : null;
                mirror++;
            }
            try {
                out.add(FilterTranslator.translate(filter, mirrorBackend));
            } catch (Unexpressible e) {
                throw new Unexpressible(field + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private List<WeightedBackend> weightedBackends(RuleView rule, HTTPRouteRule spec, String field)
            throws Unexpressible {
        List<HTTPBackendRef> refs = spec == null || spec.getBackendRefs() == null ? List.of() : spec.getBackendRefs();
        List<WeightedBackend> out = new ArrayList<>();
        for (int i = 0; i < rule.backends().size(); i++) {
            BackendView view = rule.backends().get(i);
            List<HTTPRouteFilter> refFilters = i < refs.size() && refs.get(i).getFilters() != null
                    ? refs.get(i).getFilters() : List.of();
            for (HTTPRouteFilter refFilter : refFilters) {
                if (refFilter.getRequestMirror() != null) {
                    // The graph resolves only rule-level mirror backends; mirroring unresolved refs is unsafe.
                    throw new Unexpressible(field + ".backendRefs[" + i + "].filters",
                            "RequestMirror on a backendRef is not supported");
                }
            }
            List<FilterConfig> filters = filters(refFilters, List.of(), field + ".backendRefs[" + i + "].filters");
            out.add(new WeightedBackend(Math.max(0, view.weight()), backends.translate(view), filters));
        }
        return out;
    }

    /** Effective (policy-merged) timeouts when the policy report has them, else the rule's own; 0s means none. */
    private TimeoutsConfig timeouts(ResourceKey route, RuleView rule, String gateway, String field) {
        Optional<dev.portolan.policy.EffectiveRuleTimeouts> effective = policies.timeouts(route, gateway, rule.index());
        Duration request;
        Duration backendRequest;
        if (effective.isPresent()) {
            effective.get().errors().forEach(error -> problems.add(route, field + ".timeouts",
                    "under Gateway " + gateway + ": " + error + "; invalid values are not applied"));
            request = effective.get().request().map(TimeoutSetting::duration).orElse(null);
            backendRequest = effective.get().backendRequest().map(TimeoutSetting::duration).orElse(null);
        } else {
            request = rule.timeouts() == null ? null : rule.timeouts().requestDuration();
            backendRequest = rule.timeouts() == null ? null : rule.timeouts().backendRequestDuration();
        }
        request = positiveOrNull(request);
        backendRequest = positiveOrNull(backendRequest);
        return request == null && backendRequest == null ? null : new TimeoutsConfig(request, backendRequest);
    }

    private RetryConfig retry(ResourceKey route, HTTPRouteRetry retry, String field) {
        if (retry == null) {
            return null;
        }
        List<Integer> codes = new ArrayList<>();
        if (retry.getCodes() != null) {
            for (Integer code : retry.getCodes()) {
                if (code != null && code >= 400 && code <= 599) {
                    codes.add(code);
                } else {
                    problems.add(route, field + ".codes", "status code " + code
                            + " is not a 4xx or 5xx code and is ignored");
                }
            }
        }
        Duration backoff = null;
        if (retry.getBackoff() != null && !retry.getBackoff().isEmpty()) {
            try {
                backoff = positiveOrNull(GatewayDuration.parse(retry.getBackoff()));
            } catch (IllegalArgumentException e) {
                problems.add(route, field + ".backoff", e.getMessage() + "; retries are sent without backoff");
            }
        }
        int attempts = retry.getAttempts() == null ? DEFAULT_RETRY_ATTEMPTS : Math.max(0, retry.getAttempts());
        return new RetryConfig(codes.stream().distinct().sorted().toList(), attempts, backoff);
    }

    private static Duration positiveOrNull(Duration duration) {
        return duration == null || duration.isZero() || duration.isNegative() ? null : duration;
    }
}
