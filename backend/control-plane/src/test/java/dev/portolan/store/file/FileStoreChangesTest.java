package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.route;
import static dev.portolan.store.file.StoreFixtures.routeKey;
import static dev.portolan.store.file.StoreFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each published snapshot tells which objects changed since the store's earlier ones, at least every one that did. */
class FileStoreChangesTest {
    @TempDir
    Path root;

    @Test
    void publishedChangesCoverEveryObjectThatDiffers() throws Exception {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            List<StoreSnapshot> seen = new CopyOnWriteArrayList<>();
            seen.add(store.snapshot());
            store.watch(seen::add);
            store.apply(yaml(route("r1", "demo")));
            store.apply(yaml(route("r2", "demo")));
            StoreSnapshot afterCreates = store.snapshot();
            store.apply(yaml(route("r1", "demo").replace("8080", "9090")));
            store.updateStatus(routeKey("demo", "r2"), yaml("parents: []\n"));
            store.delete(routeKey("demo", "r1"), null);
            Files.writeString(root.resolve("hand.yaml"), route("r3", "demo"));
            StoreFixtures.await(5000, "the hand-written file", () -> store.snapshot().byKey()
                    .containsKey(routeKey("demo", "r3")));
            StoreSnapshot last = store.snapshot();

            assertEquals(Set.of(routeKey("demo", "r1"), routeKey("demo", "r2"), routeKey("demo", "r3")),
                    last.changes().since(afterCreates.revision()).orElseThrow(),
                    "r1 edited and deleted, r2's status, r3 by hand");
            for (StoreSnapshot before : List.of(seen.get(0), afterCreates)) {
                Set<ResourceKey> told = last.changes().since(before.revision()).orElseThrow();
                assertTrue(told.containsAll(differing(before, last)), before.revision() + ": " + told);
            }
        }
    }

    private static Set<ResourceKey> differing(StoreSnapshot a, StoreSnapshot b) {
        Set<ResourceKey> keys = new HashSet<>(a.byKey().keySet());
        keys.addAll(b.byKey().keySet());
        keys.removeIf(key -> Objects.equals(a.byKey().get(key), b.byKey().get(key)));
        return keys;
    }
}
