package dev.portolan.translate;

import dev.portolan.graph.RouteView;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.RouteConfig;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Each route's translation on each listener of one Gateway, by route view, so that a Gateway whose routes changed
 * translates again only the routes that are new views and hands the others' {@link RouteConfig} objects on (their
 * JSON is then not encoded again either). A route's translation on a listener reads the route's view and objects,
 * the Gateway's key and the listener's name, and non-route objects; {@link GatewayMemo} offers these only while
 * the Gateway translates alike and every non-route object is the same. Not thread-safe: the snapshot thread.
 */
final class RouteTranslations {
    /** One route on one listener: its config (null when not attached there) and the problems it met. */
    record Translated(RouteConfig config, List<TranslationProblem> problems,
                      SortedMap<ResourceKey, SortedSet<Integer>> disabledRules) {
    }

    private final Map<String, Map<RouteView, Translated>> byListener = new HashMap<>();

    Translated get(String listener, RouteView route) {
        Map<RouteView, Translated> routes = byListener.get(listener);
        return routes == null ? null : routes.get(route);
    }

    void put(String listener, RouteView route, Translated translated) {
        byListener.computeIfAbsent(listener, k -> new IdentityHashMap<>()).put(route, translated);
    }
}
