package dev.portolan.proxy.routing;

import java.util.List;

/**
 * A rule match that did not apply to a request, and why.
 *
 * @param route {@code namespace/name}
 * @param reasons one line per failed condition, e.g. {@code header 'x-env' is missing (wanted Exact 'canary')}
 */
public record RuleMiss(String route, int ruleIndex, int matchIndex, List<String> reasons) {
    public RuleMiss {
        reasons = List.copyOf(reasons);
    }
}
