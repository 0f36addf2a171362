package dev.portolan.graph;

import dev.portolan.model.DeclaredTimeouts;
import dev.portolan.model.TimeoutValue;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import java.util.Optional;

/** Checks {@code rules[].timeouts} (GEP-1742), parsed by {@link DeclaredTimeouts}. */
final class TimeoutValidator {

    private TimeoutValidator() {
    }

    /** The parsed timeouts ({@link DeclaredTimeouts#NONE} when invalid), or what is wrong with them. */
    record Result(DeclaredTimeouts timeouts, Optional<String> problem) {
    }

    static Result validate(int ruleIndex, HTTPRouteTimeouts spec) {
        DeclaredTimeouts declared = DeclaredTimeouts.of(spec);
        String where = "spec.rules[" + ruleIndex + "].timeouts.";
        TimeoutValue request = declared.request();
        TimeoutValue backend = declared.backendRequest();
        for (TimeoutValue value : new TimeoutValue[] {request, backend}) {
            if (value != null && !value.valid()) {
                return invalid(where + (value == request ? "request" : "backendRequest") + ": " + value.problem());
            }
        }
        if (request != null && backend != null && !request.disabled() && !backend.disabled()
                && backend.duration().compareTo(request.duration()) > 0) {
            return invalid(where + "backendRequest " + backend.text() + " is longer than " + where + "request "
                    + request.text() + " (a backend attempt must fit in the whole request)");
        }
        return new Result(declared, Optional.empty());
    }

    private static Result invalid(String message) {
        return new Result(DeclaredTimeouts.NONE, Optional.of(message));
    }
}
