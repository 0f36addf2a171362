package dev.portolan.api.events;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceVersions;
import dev.portolan.model.SortedDiff;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
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
        var changed = after.changes().since(before.revision());
        if (changed.isPresent()) {
            // the store says which keys may differ: look at those only (a change touches a few of thousands)
            List<Change> out = new ArrayList<>();
            for (ResourceKey key : new TreeSet<>(changed.get())) {
                add(before.byKey().get(key), after.byKey().get(key), out);
            }
            return out;
        }
        // both sorted by key: one walk in step, or (versions of one store map) the keys its edits touched
        List<Change> out = new ArrayList<>();
        SortedDiff.forEach(before.byKey(), after.byKey(), (key, was, is) -> add(was, is, out));
        return out;
    }

    private static void add(StoredObject was, StoredObject is, List<Change> out) {
        if (was == is) {
            return; // the store keeps an unchanged object as it was
        }
        if (was == null) {
            out.add(new Change(ChangeEvent.ADDED, is));
        } else if (is == null) {
            out.add(new Change(ChangeEvent.DELETED, was));
        } else if (!ResourceVersions.sameApartFromResourceVersion(was.manifest(), is.manifest())) {
            // status writes change resourceVersion too; only the rest tells a spec or metadata change
            out.add(new Change(ChangeEvent.MODIFIED, is));
        } else if (!Objects.equals(emptyToNull(was), emptyToNull(is))) {
            out.add(new Change(ChangeEvent.STATUS, is));
        }
    }

    private static Object emptyToNull(StoredObject object) {
        return object.status() == null || object.status().isEmpty() ? null : object.status();
    }
}
