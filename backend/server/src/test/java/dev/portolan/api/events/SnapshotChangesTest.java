package dev.portolan.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.VersionedMap;
import dev.portolan.store.StoreChanges;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SnapshotChangesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static StoredObject object(String name, String resourceVersion, String port, String statusReason) {
        ResourceKey key = ResourceKey.of("", "Service", "default", name);
        ObjectNode manifest = JSON.objectNode().put("apiVersion", "v1").put("kind", "Service");
        manifest.putObject("metadata").put("name", name).put("namespace", "default")
                .put("resourceVersion", resourceVersion);
        manifest.putObject("spec").put("port", port);
        ObjectNode status = statusReason == null ? null : JSON.objectNode().put("reason", statusReason);
        return new StoredObject(key, manifest, status, "test");
    }

    private static StoreSnapshot snapshot(long revision, StoredObject... objects) {
        TreeMap<ResourceKey, StoredObject> byKey = new TreeMap<>();
        for (StoredObject object : objects) {
            byKey.put(object.key(), object);
        }
        return new StoreSnapshot(revision, byKey, List.of());
    }

    /** The same object in both snapshots below: a store keeps an unchanged object as it was. */
    private static final StoredObject UNCHANGED = object("c", "3", "80", null);

    private static StoreSnapshot before() {
        return snapshot(1, object("a", "1", "80", null), object("b", "2", "80", "Old"), UNCHANGED,
                object("gone", "4", "80", null));
    }

    /** {@link #before}'s objects with a spec change (a), a status change (b), one gone and one new. */
    private static StoreSnapshot after() {
        return snapshot(2, object("a", "5", "81", null), object("b", "6", "80", "New"), UNCHANGED,
                object("new", "7", "80", null));
    }

    @Test
    void specStatusAdditionsAndDeletionsAreTold() {
        assertEquals(List.of("modified a 5", "status b 6", "deleted gone 4", "added new 7"),
                describe(SnapshotChanges.between(before(), after())));
    }

    @Test
    void whenTheStoreNamesTheChangedKeysOnlyThoseAreCompared() {
        StoreSnapshot before = before();
        StoreSnapshot all = after();
        StoreSnapshot told = new StoreSnapshot(2, all.byKey(), List.of(), StoreChanges.unknown().then(1, 2,
                Set.of(key("new"), key("gone"), key("b"), key("a"), key("c"))));
        assertEquals(describe(SnapshotChanges.between(before, all)), describe(SnapshotChanges.between(before, told)),
                "the same changes, in key order");

        StoreSnapshot onlyA = new StoreSnapshot(2, all.byKey(), List.of(), StoreChanges.unknown().then(1, 2,
                Set.of(key("a"))));
        assertEquals(List.of("modified a 5"), describe(SnapshotChanges.between(before, onlyA)),
                "keys the store did not name are not even looked at");
    }

    /** As the Kubernetes store publishes: the next version of its map, no changed keys named. */
    @Test
    void versionsOfOneStoreMapGiveWhatAWalkOfBothGives() {
        StoreSnapshot before = before();
        StoreSnapshot unrelated = after();
        StoreSnapshot nextVersion = new StoreSnapshot(2,
                VersionedMap.of(before.byKey()).updatedTo(unrelated.byKey()), List.of());

        assertTrue(VersionedMap.keysChangedBetween(before.byKey(), nextVersion.byKey(), new ArrayList<>()),
                "the two maps are versions of one");
        assertEquals(describe(SnapshotChanges.between(before, unrelated)),
                describe(SnapshotChanges.between(before, nextVersion)));
        assertEquals(List.of("modified a 5", "status b 6", "deleted gone 4", "added new 7"),
                describe(SnapshotChanges.between(before, nextVersion)));
    }

    private static ResourceKey key(String name) {
        return ResourceKey.of("", "Service", "default", name);
    }

    private static List<String> describe(List<SnapshotChanges.Change> changes) {
        return changes.stream()
                .map(c -> c.type() + " " + c.object().key().name() + " " + c.object().resourceVersion()).toList();
    }
}
