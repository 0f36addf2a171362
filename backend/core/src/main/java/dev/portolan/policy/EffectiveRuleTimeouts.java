package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * Effective timeouts of one HTTPRoute rule under one parent Gateway.
 *
 * @param route          the HTTPRoute
 * @param rule           index into spec.rules
 * @param gateway        parent Gateway as {@code <ns>/<name>}
 * @param request        effective request timeout, if any is set
 * @param backendRequest effective backendRequest timeout, if any is set
 * @param errors         invalid values and backendRequest &gt; request; empty when usable
 */
public record EffectiveRuleTimeouts(ResourceKey route, int rule, String gateway, Optional<TimeoutSetting> request,
                           Optional<TimeoutSetting> backendRequest, List<String> errors) {
    public EffectiveRuleTimeouts {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
