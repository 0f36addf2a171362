package dev.portolan.api.events;

import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The object changes between two store snapshots, in key order. Pure. */
public final class SnapshotChanges {
    /** @param object the object after the change (before it, for a deletion) */
    public record Change(String type, StoredObject object) {
    }

    private SnapshotChanges() {
    }

    public static List<Change> between(StoreSnapshot before, StoreSnapshot after) {
        Map<ResourceKey, StoredObject> old = before.byKey();
        Map<ResourceKey, StoredObject> now = after.byKey();
        TreeSet<ResourceKey> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        List<Change> out = new ArrayList<>();
        for (ResourceKey key : keys) {
            StoredObject was = old.get(key);
            StoredObject is = now.get(key);
            if (was == null) {
                out.add(new Change(ChangeEvent.ADDED, is));
            } else if (is == null) {
                out.add(new Change(ChangeEvent.DELETED, was));
            } else if (!withoutResourceVersion(was).equals(withoutResourceVersion(is))) {
                out.add(new Change(ChangeEvent.MODIFIED, is));
            } else if (!Objects.equals(emptyToNull(was), emptyToNull(is))) {
                out.add(new Change(ChangeEvent.STATUS, is));
            }
        }
        return out;
    }

    /** Status writes change resourceVersion too; only the rest tells a spec or metadata change. */
    private static com.fasterxml.jackson.databind.JsonNode withoutResourceVersion(StoredObject object) {
        var copy = object.manifest().deepCopy();
        if (copy.get("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return copy;
    }

    private static Object emptyToNull(StoredObject object) {
        return object.status() == null || object.status().isEmpty() ? null : object.status();
    }
}
