package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** A status step polled until it holds: every poll interval, up to the limit (longer for Gateway readiness). */
final class StatusStep {
    private static final Set<String> GATEWAY_LIMIT = Set.of("waitNamespacesReady", "waitGatewayAndRoutesAccepted",
            "expectGatewayAddress", "expectGatewayCondition");
    /** Steps that must hold on two polls in a row: an empty status may just not be written yet. */
    private static final Set<String> STABLE = Set.of("expectRouteNoAcceptedParents", "expectGatewayZeroRoutes");

    private final ConformanceStatusChecks checks;
    private final RunnerOptions options;

    StatusStep(ConformanceStatusChecks checks, RunnerOptions options) {
        this.checks = checks;
        this.options = options;
    }

    void run(JsonNode step) {
        String type = step.path("type").asText();
        Duration limit = GATEWAY_LIMIT.contains(type) ? options.gatewayStatusTimeout() : options.statusTimeout();
        int wanted = STABLE.contains(type) ? 2 : 1;
        long deadline = System.nanoTime() + limit.toNanos();
        int held = 0;
        while (true) {
            try {
                checks.check(step);
                if (++held == wanted) {
                    return;
                }
            } catch (AssertionError e) {
                held = 0;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(e.getMessage() + " (still after " + limit.toSeconds() + " s)", e);
                }
            }
            Pause.sleep(options.pollInterval());
        }
    }
}
