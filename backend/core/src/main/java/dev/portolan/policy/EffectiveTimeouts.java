package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.GatewayDuration;
import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Effective timeouts of a route rule: the rule's own {@code timeouts} is the most specific default (it beats every
 * TimeoutPolicy default), but a TimeoutPolicy override beats it.
 */
public final class EffectiveTimeouts {
    private static final Duration MINIMUM = Duration.ofMillis(1);

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
    public static RuleTimeouts forRule(HTTPRoute route, int ruleIndex, String gateway, MergedPolicy timeoutPolicy) {
        ResourceKey routeKey = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE,
                route.getMetadata().getNamespace(), route.getMetadata().getName());
        HTTPRouteRule rule = route.getSpec().getRules().get(ruleIndex);
        HTTPRouteTimeouts own = rule.getTimeouts();
        MergedPolicy policy = timeoutPolicy != null && timeoutPolicy.inheritable() ? timeoutPolicy : null;
        List<String> errors = new ArrayList<>();
        Optional<TimeoutSetting> request = resolve(TimeoutPolicies.REQUEST,
                own == null ? null : own.getRequest(), routeKey, ruleIndex, policy, errors);
        Optional<TimeoutSetting> backendRequest = resolve(TimeoutPolicies.BACKEND_REQUEST,
                own == null ? null : own.getBackendRequest(), routeKey, ruleIndex, policy, errors);
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
        return new RuleTimeouts(routeKey, ruleIndex, gateway, request, backendRequest, errors);
    }

    private static Optional<TimeoutSetting> resolve(String field, String ruleValue, ResourceKey routeKey,
                                                    int ruleIndex, MergedPolicy policy, List<String> errors) {
        EffectiveValue fromPolicy = policy == null ? null : policy.effectiveValues().get(field);
        if (fromPolicy != null && (fromPolicy.override() || ruleValue == null)) {
            String section = fromPolicy.override() ? MergedPolicy.OVERRIDE : MergedPolicy.DEFAULT;
            TimeoutOrigin origin = new TimeoutOrigin(fromPolicy.policy(), "spec." + section + "." + field,
                    fromPolicy.level(), fromPolicy.target(), fromPolicy.override());
            return Optional.of(parse(field, fromPolicy.value(), origin, errors));
        }
        if (ruleValue != null) {
            TimeoutOrigin origin = new TimeoutOrigin(routeKey, "spec.rules[" + ruleIndex + "].timeouts." + field,
                    null, null, false);
            return Optional.of(parse(field, TextNode.valueOf(ruleValue),
                    origin, errors));
        }
        return Optional.empty();
    }

    private static TimeoutSetting parse(String field, JsonNode value, TimeoutOrigin origin, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(origin.describe() + ": " + value + " must be a duration string such as 10s");
            return new TimeoutSetting(field, value.toString(), null, origin);
        }
        String text = value.asText();
        try {
            Duration duration = GatewayDuration.parse(text);
            if (!duration.isZero() && duration.compareTo(MINIMUM) < 0) {
                errors.add(origin.describe() + ": \"" + text + "\" is shorter than 1ms (use 0s to disable)");
                return new TimeoutSetting(field, text, null, origin);
            }
            return new TimeoutSetting(field, text, duration, origin);
        } catch (IllegalArgumentException e) {
            errors.add(origin.describe() + ": " + e.getMessage());
            return new TimeoutSetting(field, text, null, origin);
        }
    }
}
