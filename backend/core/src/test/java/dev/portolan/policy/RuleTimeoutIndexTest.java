package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** An index with changed routes laid over the last one answers every lookup as one built from the whole list. */
class RuleTimeoutIndexTest {

    @Test
    void layeredAnswersAsFlatOverManyChanges() {
        Random random = new Random(11);
        TreeMap<ResourceKey, List<EffectiveRuleTimeouts>> routes = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            routes.put(route(i), timeouts(route(i), random));
        }
        Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> index = RuleTimeoutIndex.of(all(routes));
        for (int step = 0; step < 100; step++) { // past the depth at which the index is laid out flat again
            Map<ResourceKey, List<EffectiveRuleTimeouts>> changed = new HashMap<>();
            for (int n = random.nextInt(3); n >= 0; n--) {
                ResourceKey route = route(random.nextInt(25));
                List<EffectiveRuleTimeouts> now = random.nextInt(4) == 0 ? List.of() : timeouts(route, random);
                if (now.isEmpty()) {
                    routes.remove(route);
                } else {
                    routes.put(route, now);
                }
                changed.put(route, now);
            }
            index = RuleTimeoutIndex.over(index, changed, all(routes));
            Map<PolicyReport.RuleKey, EffectiveRuleTimeouts> flat = RuleTimeoutIndex.of(all(routes));
            for (int r = 0; r < 25; r++) {
                for (String gateway : List.of("ns/a", "ns/b")) {
                    for (int rule = 0; rule < 4; rule++) {
                        PolicyReport.RuleKey key = new PolicyReport.RuleKey(route(r), gateway, rule);
                        assertEquals(flat.get(key), index.get(key), "step " + step + ": " + key);
                    }
                }
            }
            assertEquals(flat, index, "step " + step);
            assertEquals(index, flat, "step " + step);
        }
    }

    private static ResourceKey route(int i) {
        return ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "ns", "r" + i);
    }

    private static List<EffectiveRuleTimeouts> timeouts(ResourceKey route, Random random) {
        List<EffectiveRuleTimeouts> out = new ArrayList<>();
        String gateway = random.nextBoolean() ? "ns/a" : "ns/b";
        for (int rule = random.nextInt(4); rule >= 0; rule--) {
            out.add(new EffectiveRuleTimeouts(route, rule, gateway, Optional.empty(), Optional.empty(),
                    List.of("e" + random.nextInt(1000))));
        }
        return out;
    }

    private static List<EffectiveRuleTimeouts> all(TreeMap<ResourceKey, List<EffectiveRuleTimeouts>> routes) {
        List<EffectiveRuleTimeouts> all = new ArrayList<>();
        routes.values().forEach(all::addAll);
        return all;
    }
}
