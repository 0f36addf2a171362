package dev.portolan.proxy.config;

import java.util.List;

/**
 * One HTTPRoute rule.
 *
 * @param index position of the rule in its route (tie-break: first rule wins)
 * @param name the optional rule name (sectionName target), may be null
 * @param matches empty means "match everything" (PathPrefix /)
 * @param backends empty means no backend: the proxy answers 500
 * @param timeouts may be null (no timeouts)
 * @param retry may be null (no retries)
 */
public record RuleConfig(
        int index,
        String name,
        List<MatchConfig> matches,
        List<FilterConfig> filters,
        List<WeightedBackend> backends,
        TimeoutsConfig timeouts,
        RetryConfig retry) {
    public RuleConfig {
        if (index < 0) {
            throw new IllegalArgumentException("RuleConfig.index must be >= 0, got " + index);
        }
        matches = Checks.list(matches, "RuleConfig " + index, "matches");
        filters = Checks.list(filters, "RuleConfig " + index, "filters");
        backends = Checks.list(backends, "RuleConfig " + index, "backends");
    }
}
