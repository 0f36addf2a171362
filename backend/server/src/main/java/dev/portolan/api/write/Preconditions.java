package dev.portolan.api.write;

import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;

/**
 * Optimistic concurrency as Kubernetes does it: a write carrying a resourceVersion goes through only while that is
 * the stored one. Writes check all documents before the first is written; dry runs check too, so that their answer
 * can be trusted.
 */
final class Preconditions {
    private Preconditions() {
    }

    static void check(StoreSnapshot current, ResourceKey key, String expected) {
        if (expected == null || expected.isEmpty()) {
            return;
        }
        StoredObject stored = current.byKey().get(key);
        if (stored == null || !expected.equals(stored.resourceVersion())) {
            throw ApiException.conflict(key, key + ": resourceVersion " + expected + " is stale (stored: "
                    + (stored == null ? "none, the object does not exist" : stored.resourceVersion()) + ")");
        }
    }
}
