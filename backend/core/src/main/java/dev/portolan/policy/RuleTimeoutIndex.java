package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report's timeouts by rule ({@link PolicyReport#timeoutsByRule()}) as the last report's index with the routes
 * that changed laid over it, so that a rebuild after one route change does not copy an index of every rule of every
 * route. Lookups look at the changed routes' own lists first, then down the layers; past {@link #MAX_DEPTH} layers
 * the index is built flat again from the whole list. Read-only and immutable, like the report.
 */
final class RuleTimeoutIndex extends AbstractMap<PolicyReport.RuleKey, EffectiveRuleTimeouts> {
    private static final int MAX_DEPTH = 32;
    /** Per route changed at this layer, its timeouts (empty when it went); null at the bottom layer. */
    private final Map<ResourceKey, List<EffectiveRuleTimeouts>> changed;
    private final RuleTimeoutIndex below;
    private final int depth;
    /** The whole index: given at the bottom layer, else built when first asked for as a whole (equality, entries). */
    private volatile Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> flat;
    private final List<EffectiveRuleTimeouts> all;

    private RuleTimeoutIndex(Map<ResourceKey, List<EffectiveRuleTimeouts>> changed, RuleTimeoutIndex below,
                             int depth, Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> flat,
                             List<EffectiveRuleTimeouts> all) {
        this.changed = changed;
        this.below = below;
        this.depth = depth;
        this.flat = flat;
        this.all = all;
    }

    /** Every rule's timeouts; the first entry of a key wins. */
    static RuleTimeoutIndex of(List<EffectiveRuleTimeouts> all) {
        return new RuleTimeoutIndex(null, null, 0, index(all), all);
    }

    /**
     * {@code last} with {@code changed} routes' timeouts laid over it; {@code all} is every rule's timeouts now.
     */
    static RuleTimeoutIndex over(Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> last,
                                 Map<ResourceKey, List<EffectiveRuleTimeouts>> changed,
                                 List<EffectiveRuleTimeouts> all) {
        if (last instanceof RuleTimeoutIndex below && below.depth < MAX_DEPTH) {
            return new RuleTimeoutIndex(Map.copyOf(changed), below, below.depth + 1, null, all);
        }
        return of(all);
    }

    @Override
    public EffectiveRuleTimeouts get(Object key) {
        if (!(key instanceof PolicyReport.RuleKey rule)) {
            return null;
        }
        for (RuleTimeoutIndex layer = this; layer != null; layer = layer.below) {
            if (layer.changed == null) {
                return layer.flat.get(rule);
            }
            List<EffectiveRuleTimeouts> own = layer.changed.get(rule.route());
            if (own != null) {
                for (EffectiveRuleTimeouts t : own) {
                    if (t.rule() == rule.rule() && t.gateway().equals(rule.gateway())) {
                        return t;
                    }
                }
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<PolicyReport.RuleKey, EffectiveRuleTimeouts>> entrySet() {
        Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> whole = flat;
        if (whole == null) {
            whole = index(all); // pure: two threads racing build the same map
            flat = whole;
        }
        return whole.entrySet();
    }

    private static Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> index(List<EffectiveRuleTimeouts> timeouts) {
        Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> byRule = new HashMap<>();
        for (EffectiveRuleTimeouts t : timeouts) {
            byRule.putIfAbsent(PolicyReport.RuleKey.of(t), t);
        }
        return Collections.unmodifiableMap(byRule);
    }
}
