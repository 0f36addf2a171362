package dev.portolan.proxy.routing;

import java.util.List;
import java.util.Optional;

/**
 * Why a request was routed the way it was: the selected listener and virtual host, the winner (if any), and
 * the closest rule matches that did not apply, fewest failed conditions first.
 *
 * @param listener the listener chosen by Host, null when none accepts the host
 * @param virtualHost the route hostname pattern chosen ({@code *} for routes without hostnames), null if none
 * @param hostProblem set when no listener or no route hostname accepts the host
 */
public record Explanation(
        String listener, String virtualHost, String hostProblem, Optional<RouteMatch> match, List<RuleMiss> misses) {
    public Explanation {
        misses = List.copyOf(misses);
    }
}
