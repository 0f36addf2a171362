package dev.portolan.translate;

import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ListenerView;
import dev.portolan.graph.RouteView;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.model.SortedDiff;
import dev.portolan.proxy.config.GatewayConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Each Gateway's translation from the last config, so that a rebuild translates only the Gateways a change touches
 * and hands the others' config objects on unchanged (the proxy then keeps their compiled route tables, and their
 * JSON is not encoded again). A Gateway's slice depends on its view, the views of its routes (and through them the
 * routes' objects), and on objects that are not HTTPRoutes (Secrets for certificates, policies, BackendTLSPolicies,
 * Services); so a slice is reused when the Gateway's view is equal, its route views are the very objects as before
 * (see {@code RouteMemo}, which keeps a view while its route and every non-route object stay the same objects), and
 * every non-route object is the same object as before (the listeners' attached routes, which the translation does
 * not read, are not compared); everything is forgotten otherwise. Not thread-safe: the
 * snapshot thread.
 */
public final class GatewayMemo {
    /** One Gateway's translation with what it read and the problems it met. */
    record Slice(GatewayView view, List<RouteView> routes, GatewayConfig config, List<TranslationProblem> problems,
                 SortedMap<ResourceKey, SortedSet<Integer>> disabledRules, RouteTranslations routeTranslations) {
    }

    private List<Object> environment = List.of();
    /** The graph's routes at the last grouping, and that grouping: patched for the routes that are new views. */
    private SortedMap<ResourceKey, RouteView> groupedRoutes;
    private Map<ResourceKey, List<RouteView>> grouped;
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
        if (slice == null || !sameTranslationInputs(slice.view(), view) || !sameObjects(slice.routes(), routes)) {
            return null;
        }
        return slice;
    }

    /**
     * The per-route translations of this Gateway's last slice when the Gateway translates alike (only its routes
     * differ) and every non-route object is the same as then, else null.
     */
    RouteTranslations routeTranslations(GatewayView view) {
        Slice slice = known.get(view.key());
        return slice == null || !sameTranslationInputs(slice.view(), view) ? null : slice.routeTranslations();
    }

    void put(Slice slice) {
        next.put(slice.view().key(), slice);
    }

    void end() {
        known = next;
        next = new HashMap<>();
    }

    /**
     * Per Gateway, its routes in key order ({@link ProxyConfigTranslator#routesByGateway}), patched from the last
     * grouping for the routes whose view is not the very view of last time: a Gateway none of them touches keeps
     * its very list (which {@link #reusable} then compares by identity).
     */
    Map<ResourceKey, List<RouteView>> routesByGateway(SortedMap<ResourceKey, RouteView> routes) {
        Map<ResourceKey, List<RouteView>> byGateway;
        if (grouped == null) {
            byGateway = ProxyConfigTranslator.routesByGateway(routes.values());
        } else {
            // per touched Gateway, its routes that changed: the new view, or null when it left
            Map<ResourceKey, SortedMap<ResourceKey, RouteView>> edits = new HashMap<>();
            SortedDiff.forEach(groupedRoutes, routes, (key, before, after) -> {
                if (before != null) {
                    ProxyConfigTranslator.acceptedGateways(before)
                            .forEach(g -> edits.computeIfAbsent(g, k -> new TreeMap<>()).put(key, null));
                }
                if (after != null) {
                    ProxyConfigTranslator.acceptedGateways(after)
                            .forEach(g -> edits.computeIfAbsent(g, k -> new TreeMap<>()).put(key, after));
                }
            });
            byGateway = new HashMap<>(grouped);
            edits.forEach((gateway, changed) -> {
                List<RouteView> merged = merged(grouped.getOrDefault(gateway, List.of()), changed);
                if (merged.isEmpty()) {
                    byGateway.remove(gateway);
                } else {
                    byGateway.put(gateway, merged);
                }
            });
        }
        groupedRoutes = routes;
        grouped = byGateway;
        return byGateway;
    }

    /**
     * {@code routes} (in key order) with the changed keys replaced, added, or removed where the view is null: one
     * walk of both in step, so a change to a Gateway with thousands of routes copies its list once and sorts nothing.
     */
    private static List<RouteView> merged(List<RouteView> routes, SortedMap<ResourceKey, RouteView> changed) {
        List<RouteView> out = new ArrayList<>(routes.size() + changed.size());
        Iterator<Map.Entry<ResourceKey, RouteView>> edits = changed.entrySet().iterator();
        Map.Entry<ResourceKey, RouteView> edit = edits.hasNext() ? edits.next() : null;
        for (RouteView route : routes) {
            while (edit != null && edit.getKey().compareTo(route.key()) < 0) {
                addIfPresent(out, edit.getValue());
                edit = edits.hasNext() ? edits.next() : null;
            }
            if (edit != null && edit.getKey().equals(route.key())) {
                addIfPresent(out, edit.getValue());
                edit = edits.hasNext() ? edits.next() : null;
            } else {
                out.add(route);
            }
        }
        while (edit != null) {
            addIfPresent(out, edit.getValue());
            edit = edits.hasNext() ? edits.next() : null;
        }
        return Collections.unmodifiableList(out);
    }

    private static void addIfPresent(List<RouteView> out, RouteView view) {
        if (view != null) {
            out.add(view);
        }
    }

    /**
     * Whether two views of a Gateway translate alike: equal but for their listeners' attached routes, which the
     * translation does not read (it takes the routes from their own views), and which change with every route
     * attached or detached (hundreds of keys per listener to compare).
     */
    private static boolean sameTranslationInputs(GatewayView a, GatewayView b) {
        if (a == b) {
            return true;
        }
        if (!a.key().equals(b.key()) || !Objects.equals(a.className(), b.className())
                || !a.addresses().equals(b.addresses())
                || !Objects.equals(a.infrastructureLabels(), b.infrastructureLabels())
                || !Objects.equals(a.infrastructureAnnotations(), b.infrastructureAnnotations())
                || !a.conditions().equals(b.conditions()) || a.listeners().size() != b.listeners().size()) {
            return false;
        }
        for (int i = 0; i < a.listeners().size(); i++) {
            ListenerView x = a.listeners().get(i);
            ListenerView y = b.listeners().get(i);
            if (x != y && !(x.name().equals(y.name()) && x.port() == y.port()
                    && Objects.equals(x.protocol(), y.protocol()) && Objects.equals(x.hostname(), y.hostname())
                    && x.certificateSecrets().equals(y.certificateSecrets())
                    && x.supportedKinds().equals(y.supportedKinds()) && x.conditions().equals(y.conditions()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameObjects(List<?> a, List<?> b) {
        if (a == b) {
            return true;
        }
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
