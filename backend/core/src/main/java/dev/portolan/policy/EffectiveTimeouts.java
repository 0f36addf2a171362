package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.DeclaredTimeouts;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.TimeoutValue;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Effective timeouts of a route rule: the rule's own {@code timeouts} is the most specific default (it beats every
 * TimeoutPolicy default), but a TimeoutPolicy override beats it.
 */
public final class EffectiveTimeouts {

    private EffectiveTimeouts() {
    }

    /**
     * @param route         the HTTPRoute
     * @param ruleIndex     index into spec.rules
     * @param gateway       parent Gateway as {@code <ns>/<name>}
     * @param timeoutPolicy the effective TimeoutPolicy for this route and Gateway, or null when none applies; ignored
     *                      unless its CRD is labelled inherited (only spec.default / spec.override carry timeouts)
     * @throws IndexOutOfBoundsException when the rule does not exist
     */
    public static EffectiveRuleTimeouts forRule(HTTPRoute route, int ruleIndex, String gateway, MergedPolicy timeoutPolicy) {
        ResourceKey routeKey = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE,
                route.getMetadata().getNamespace(), route.getMetadata().getName());
        HTTPRouteRule rule = route.getSpec().getRules().get(ruleIndex);
        DeclaredTimeouts own = DeclaredTimeouts.of(rule.getTimeouts());
        MergedPolicy policy = timeoutPolicy != null && timeoutPolicy.inheritable() ? timeoutPolicy : null;
        List<String> errors = new ArrayList<>();
        Optional<TimeoutSetting> request = resolve(TimeoutPolicies.REQUEST,
                own.request(), routeKey, ruleIndex, policy, errors);
        Optional<TimeoutSetting> backendRequest = resolve(TimeoutPolicies.BACKEND_REQUEST,
                own.backendRequest(), routeKey, ruleIndex, policy, errors);
        if (request.isPresent() && backendRequest.isPresent()) {
            TimeoutSetting total = request.get();
            TimeoutSetting attempt = backendRequest.get();
            if (total.valid() && attempt.valid() && !total.disabled() && !attempt.disabled()
                    && attempt.duration().compareTo(total.duration()) > 0) {
                errors.add("HTTPRoute " + routeKey.namespacedName() + " rule " + ruleIndex + " (Gateway " + gateway
                        + "): backendRequest " + attempt.value() + " from " + attempt.origin().describe()
                        + " exceeds request " + total.value() + " from " + total.origin().describe()
                        + "; backendRequest must not be longer than request");
            }
        }
        return new EffectiveRuleTimeouts(routeKey, ruleIndex, gateway, request, backendRequest, errors);
    }

    private static Optional<TimeoutSetting> resolve(String field, TimeoutValue ruleValue, ResourceKey routeKey,
                                                    int ruleIndex, MergedPolicy policy, List<String> errors) {
        EffectiveValue fromPolicy = policy == null ? null : policy.effectiveValues().get(field);
        if (fromPolicy != null && (fromPolicy.override() || ruleValue == null)) {
            String section = fromPolicy.override() ? MergedPolicy.OVERRIDE : MergedPolicy.DEFAULT;
            TimeoutOrigin origin = new TimeoutOrigin(fromPolicy.policy(), "spec." + section + "." + field,
                    fromPolicy.level(), fromPolicy.target(), fromPolicy.override());
            return Optional.of(setting(field, fromPolicy.value(), origin, errors));
        }
        if (ruleValue != null) {
            TimeoutOrigin origin = new TimeoutOrigin(routeKey, "spec.rules[" + ruleIndex + "].timeouts." + field,
                    null, null, false);
            return Optional.of(setting(field, ruleValue, origin, errors));
        }
        return Optional.empty();
    }

    private static TimeoutSetting setting(String field, JsonNode value, TimeoutOrigin origin, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(origin.describe() + ": " + value + " must be a duration string such as 10s");
            return new TimeoutSetting(field, value.toString(), null, origin);
        }
        return setting(field, TimeoutValue.parse(value.asText()), origin, errors);
    }

    private static TimeoutSetting setting(String field, TimeoutValue value, TimeoutOrigin origin,
                                          List<String> errors) {
        if (!value.valid()) {
            errors.add(origin.describe() + ": " + value.problem());
        }
        return new TimeoutSetting(field, value.text(), value.duration(), origin);
    }
}
