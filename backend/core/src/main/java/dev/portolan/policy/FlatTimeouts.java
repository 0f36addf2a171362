package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.pcollections.TreePMap;

/**
 * {@link PolicyReport#timeouts()} as the routes' shares of one moment, laid out flat only when first read: a
 * rebuild after one route change does not copy every rule's timeouts (tens of thousands of entries at 20,000
 * routes), which few rebuilds ever read. Immutable: the shares are a persistent snapshot.
 */
final class FlatTimeouts extends AbstractList<EffectiveRuleTimeouts> implements RandomAccess {
    private final TreePMap<ResourceKey, PolicyMemo.RouteShare> shares;
    private volatile List<EffectiveRuleTimeouts> flat;

    FlatTimeouts(TreePMap<ResourceKey, PolicyMemo.RouteShare> shares) {
        this.shares = shares;
    }

    @Override
    public EffectiveRuleTimeouts get(int index) {
        return flat().get(index);
    }

    @Override
    public int size() {
        return flat().size();
    }

    private List<EffectiveRuleTimeouts> flat() {
        List<EffectiveRuleTimeouts> whole = flat;
        if (whole == null) {
            List<EffectiveRuleTimeouts> all = new ArrayList<>(shares.size() * 2);
            for (PolicyMemo.RouteShare share : shares.values()) {
                all.addAll(share.timeouts());
            }
            whole = List.copyOf(all); // pure: two threads racing lay out the same list
            flat = whole;
        }
        return whole;
    }
}
