package dev.portolan.api.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** One page of a sorted list, Kubernetes style: items after the continue token, up to the limit. */
final class Listing {
    private Listing() {
    }

    /**
     * @param sorted  all objects of the kind, sorted by {@code sortKey}
     * @param keep    the filters (namespace, labels, related)
     * @param render  turns one kept object into its item (called for the page only)
     */
    static <T> ObjectNode page(String listKind, long snapshotVersion, List<T> sorted, Function<T, String> sortKey,
                               Predicate<T> keep, Function<T, ObjectNode> render, ListQuery query) {
        int start = query.after() == null ? 0 : firstAfter(sorted, sortKey, query.after().lastKey());
        ArrayNode items = ReadJson.JSON.arrayNode();
        String lastKey = null;
        int i = start;
        for (; i < sorted.size() && items.size() < query.limit(); i++) {
            T candidate = sorted.get(i);
            if (keep.test(candidate)) {
                items.add(render.apply(candidate));
                lastKey = sortKey.apply(candidate);
            }
        }
        int remaining = 0;
        for (; i < sorted.size(); i++) {
            if (keep.test(sorted.get(i))) {
                remaining++;
            }
        }
        ObjectNode out = ReadJson.JSON.objectNode().put("apiVersion", "portolan.dev/v1").put("kind", listKind);
        ObjectNode metadata = out.putObject("metadata");
        // Kubernetes clients read a list's version from metadata.resourceVersion (a string): the snapshot here
        metadata.put("resourceVersion", Long.toString(snapshotVersion));
        metadata.put("snapshotVersion", snapshotVersion);
        if (remaining > 0) {
            metadata.put("continue", new ContinueToken(snapshotVersion, lastKey).encode());
            metadata.put("remainingItemCount", remaining);
        } else {
            metadata.putNull("continue");
            metadata.put("remainingItemCount", 0);
        }
        out.set("items", items);
        return out;
    }

    /** Index of the first object whose key sorts after {@code lastKey} (binary search). */
    static <T> int firstAfter(List<T> sorted, Function<T, String> sortKey, String lastKey) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sortKey.apply(sorted.get(middle)).compareTo(lastKey) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
