package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/**
 * Which routes differ between two route lists sorted by namespace then name (as {@code ResourceSet} keeps them):
 * one walk in step, comparing objects by identity (a typed object stays the same object while its manifest does),
 * and names only where the objects differ.
 */
final class RouteChanges {
    private RouteChanges() {
    }

    /** Adds to {@code added} the routes of {@code after} not in {@code before} as the same object, to {@code removed}
     * the keys of those of {@code before} not in {@code after} as the same object (a changed route is in both). */
    static void between(List<HTTPRoute> before, List<HTTPRoute> after, List<HTTPRoute> added,
                        List<ResourceKey> removed) {
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            HTTPRoute then = i < before.size() ? before.get(i) : null;
            HTTPRoute now = j < after.size() ? after.get(j) : null;
            if (then != null && then == now) {
                i++;
                j++;
                continue;
            }
            int order = then == null ? 1 : now == null ? -1 : compare(then, now);
            if (order <= 0) {
                removed.add(PolicyHierarchy.routeKey(then));
                i++;
            }
            if (order >= 0) {
                added.add(now);
                j++;
            }
        }
    }

    private static int compare(HTTPRoute a, HTTPRoute b) {
        int order = nullToEmpty(a.getMetadata().getNamespace()).compareTo(nullToEmpty(b.getMetadata().getNamespace()));
        return order != 0 ? order : a.getMetadata().getName().compareTo(b.getMetadata().getName());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
