package dev.portolan.graph;

import dev.portolan.model.GatewayDuration;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import java.time.Duration;
import java.util.Optional;

/** Parses and checks {@code rules[].timeouts} (GEP-1742). */
final class TimeoutValidator {
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private TimeoutValidator() {
    }

    /** The parsed timeouts, or what is wrong with them. */
    record Result(RuleTimeouts timeouts, Optional<String> problem) {
    }

    static Result validate(int ruleIndex, HTTPRouteTimeouts spec) {
        if (spec == null) {
            return new Result(RuleTimeouts.NONE, Optional.empty());
        }
        String where = "spec.rules[" + ruleIndex + "].timeouts.";
        String requestText = spec.getRequest();
        String backendText = spec.getBackendRequest();
        Duration request;
        Duration backend;
        try {
            request = parse(where + "request", requestText);
            backend = parse(where + "backendRequest", backendText);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        if (request != null && backend != null && !request.isZero() && !backend.isZero() && backend.compareTo(request) > 0) {
            return invalid(where + "backendRequest " + backendText + " is longer than " + where + "request "
                    + requestText + " (a backend attempt must fit in the whole request)");
        }
        return new Result(new RuleTimeouts(request, backend), Optional.empty());
    }

    /** Null when unset; 0s disables; anything else must be at least 1ms. */
    private static Duration parse(String field, String text) {
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = GatewayDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
        if (!duration.isZero() && duration.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException(field + ": " + text + " is below 1ms (use 0s to disable)");
        }
        return duration;
    }

    private static Result invalid(String message) {
        return new Result(RuleTimeouts.NONE, Optional.of(message));
    }
}
