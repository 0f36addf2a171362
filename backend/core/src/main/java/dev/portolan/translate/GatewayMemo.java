package dev.portolan.translate;

import dev.portolan.graph.GatewayView;
import dev.portolan.graph.RouteView;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.proxy.config.GatewayConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Each Gateway's translation from the last config, so that a rebuild translates only the Gateways a change touches
 * and hands the others' config objects on unchanged (the proxy then keeps their compiled route tables, and their
 * JSON is not encoded again). A Gateway's slice depends on its view, the views of its routes (and through them the
 * routes' objects), and on objects that are not HTTPRoutes (Secrets for certificates, policies, BackendTLSPolicies,
 * Services); so a slice is reused when the Gateway's view is equal, its route views are the very objects as before
 * (see {@code RouteMemo}, which keeps a view while its route and every non-route object stay the same objects), and
 * every non-route object is the same object as before; everything is forgotten otherwise. Not thread-safe: the
 * snapshot thread.
 */
public final class GatewayMemo {
    /** One Gateway's translation with what it read and the problems it met. */
    record Slice(GatewayView view, List<RouteView> routes, GatewayConfig config, List<TranslationProblem> problems,
                 SortedMap<ResourceKey, SortedSet<Integer>> disabledRules) {
    }

    private List<Object> environment = List.of();
    private Map<ResourceKey, Slice> known = new HashMap<>();
    private Map<ResourceKey, Slice> next = new HashMap<>();

    void begin(ResourceSet resources) {
        List<Object> now = resources.allButHttpRoutes();
        if (!sameObjects(now, environment)) {
            known = new HashMap<>();
        }
        environment = now;
        next = new HashMap<>();
    }

    /** The last translation of this Gateway when it read the same inputs, else null. */
    Slice reusable(GatewayView view, List<RouteView> routes) {
        Slice slice = known.get(view.key());
        if (slice == null || !slice.view().equals(view) || !sameObjects(slice.routes(), routes)) {
            return null;
        }
        return slice;
    }

    void put(Slice slice) {
        next.put(slice.view().key(), slice);
    }

    void end() {
        known = next;
        next = new HashMap<>();
    }

    private static boolean sameObjects(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
