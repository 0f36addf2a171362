package dev.portolan.translate;

import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.ProxyConfig;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A translated config and the problems met on the way (sorted, empty when everything could be expressed).
 *
 * @param disabledRules per HTTPRoute, the indexes of rules the proxy cannot serve at all (left out, or answering
 *                      500 because a filter cannot be expressed)
 */
public record Translation(ProxyConfig config, List<TranslationProblem> problems,
                          SortedMap<ResourceKey, SortedSet<Integer>> disabledRules) {
    public Translation {
        problems = List.copyOf(problems);
        SortedMap<ResourceKey, SortedSet<Integer>> copy = new TreeMap<>();
        disabledRules.forEach((route, rules) -> copy.put(route, Collections.unmodifiableSortedSet(new TreeSet<>(rules))));
        disabledRules = Collections.unmodifiableSortedMap(copy);
    }

    public Translation(ProxyConfig config, List<TranslationProblem> problems) {
        this(config, problems, new TreeMap<>());
    }
}
