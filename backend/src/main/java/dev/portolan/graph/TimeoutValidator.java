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
        String where = "rules[" + ruleIndex + "].timeouts: ";
        String requestText = spec.getRequest();
        String backendText = spec.getBackendRequest();
        Duration request;
        Duration backend;
        try {
            request = requestText == null ? null : GatewayDuration.parse(requestText);
            backend = backendText == null ? null : GatewayDuration.parse(backendText);
        } catch (IllegalArgumentException e) {
            return invalid(where + "request=" + requestText + ", backendRequest=" + backendText + ": " + e.getMessage());
        }
        for (Duration d : new Duration[] {request, backend}) {
            if (d != null && !d.isZero() && d.compareTo(MINIMUM) < 0) {
                return invalid(where + "request=" + requestText + ", backendRequest=" + backendText
                        + ": non-zero timeouts must be at least 1ms");
            }
        }
        if (request != null && backend != null && !request.isZero() && !backend.isZero() && backend.compareTo(request) > 0) {
            return invalid(where + "backendRequest " + backendText + " is longer than request " + requestText
                    + " (backendRequest must not exceed request)");
        }
        return new Result(new RuleTimeouts(request, backend), Optional.empty());
    }

    private static Result invalid(String message) {
        return new Result(RuleTimeouts.NONE, Optional.of(message));
    }
}
