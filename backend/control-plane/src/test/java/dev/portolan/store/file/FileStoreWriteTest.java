package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.await;
import static dev.portolan.store.file.StoreFixtures.gateway;
import static dev.portolan.store.file.StoreFixtures.gatewayKey;
import static dev.portolan.store.file.StoreFixtures.read;
import static dev.portolan.store.file.StoreFixtures.route;
import static dev.portolan.store.file.StoreFixtures.routeKey;
import static dev.portolan.store.file.StoreFixtures.write;
import static dev.portolan.store.file.StoreFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreWriteTest {
    @TempDir
    Path root;

    @Test
    void applyOfANewObjectCreatesItsOwnFile() {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            ObjectNode manifest = yaml(route("one", "team-a"));
            manifest.putObject("status").put("ignored", true);
            StoredObject stored = store.apply(manifest);
            assertEquals(1, stored.generation());
            assertEquals("team-a/httproute-one.yaml#0", stored.source());
            String text = read(root, "team-a/httproute-one.yaml");
            assertEquals(yaml(route("one", "team-a")), yaml(text));
            assertFalse(text.contains("status"));
            assertFalse(text.contains("resourceVersion"));
        }
        try (FileStore reopened = FileStore.open(root, CLOCK)) {
            assertTrue(reopened.get(routeKey("team-a", "one")).isPresent());
        }
    }

    @Test
    void applyReplacesTheDocumentInPlaceAndKeepsTheOthersAsWritten() {
        String first = "# the web gateway\n" + gateway("web", 80);
        String third = "# routes, hand-formatted\n" + route("one", "demo").replace("- web", "-   web");
        write(root, "all.yaml", first + "---\n" + gateway("api", 81) + "---\n" + third);
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoredObject api = store.get(gatewayKey("api")).orElseThrow();
            ObjectNode changed = api.manifest().deepCopy();
            ((ObjectNode) changed.at("/spec/listeners/0")).put("port", 9090);
            StoredObject stored = store.apply(changed);

            assertEquals(2, stored.generation());
            assertEquals("all.yaml#1", stored.source());
            String text = read(root, "all.yaml");
            assertTrue(text.startsWith(first + "---\n"), text);
            assertTrue(text.endsWith("---\n" + third), text);
            assertTrue(text.contains("port: 9090"), text);
            assertFalse(text.contains("uid"), text);
            assertEquals(3, store.snapshot().byKey().size());
        }
    }

    @Test
    void applyWithoutChangesKeepsTheResourceVersion() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoredObject before = store.get(gatewayKey("web")).orElseThrow();
            assertEquals(before.resourceVersion(), store.apply(before.manifest()).resourceVersion());
            assertEquals(gateway("web", 80), read(root, "gw.yaml"));
        }
    }

    @Test
    void deleteRemovesTheDocumentOrTheWholeFile() {
        write(root, "two.yaml", gateway("web", 80) + "---\n" + gateway("api", 81));
        write(root, "one.yaml", route("one", "demo"));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            assertTrue(store.delete(gatewayKey("web"), null));
            assertEquals("---\n" + gateway("api", 81), read(root, "two.yaml"));
            assertTrue(store.delete(routeKey("demo", "one"), store.get(routeKey("demo", "one")).orElseThrow()
                    .resourceVersion()));
            assertFalse(Files.exists(root.resolve("one.yaml")));
            assertFalse(store.delete(routeKey("demo", "one"), null));
            assertEquals(List.of(gatewayKey("api")), List.copyOf(store.snapshot().byKey().keySet()));
        }
        try (FileStore reopened = FileStore.open(root, CLOCK)) {
            assertEquals(List.of(gatewayKey("api")), List.copyOf(reopened.snapshot().byKey().keySet()));
        }
    }

    @Test
    void staleResourceVersionIsAConflict() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoredObject seen = store.get(gatewayKey("web")).orElseThrow();
            ObjectNode edit = seen.manifest().deepCopy();
            ((ObjectNode) edit.at("/spec/listeners/0")).put("port", 81);
            store.apply(edit);
            ObjectNode stale = seen.manifest().deepCopy();
            ((ObjectNode) stale.at("/spec/listeners/0")).put("port", 82);
            assertThrows(StoreException.Conflict.class, () -> store.apply(stale));
            assertThrows(StoreException.Conflict.class, () -> store.delete(gatewayKey("web"),
                    seen.resourceVersion()));
            assertTrue(read(root, "gw.yaml").contains("port: 81"));
        }
    }

    @Test
    void invalidManifestIsRefusedWithFieldAndReason() {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            var invalid = assertThrows(StoreException.Invalid.class,
                    () -> store.apply(yaml(gateway("web", 80).replace("port: 80", "port: [1]"))));
            assertEquals("spec.listeners[0].port", invalid.field());
            assertEquals(gatewayKey("web"), invalid.object());
            var noName = assertThrows(StoreException.Invalid.class,
                    () -> store.apply(yaml("apiVersion: v1\nkind: Service\nmetadata: {}\n")));
            assertEquals("metadata.name", noName.field());
            assertTrue(store.snapshot().byKey().isEmpty());
        }
    }

    @Test
    void applyReReadsAFileChangedOnDiskInsteadOfClobberingIt() {
        write(root, "all.yaml", gateway("web", 80) + "---\n" + gateway("api", 81));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoredObject web = store.get(gatewayKey("web")).orElseThrow();
            // A hand edit the poller has not seen yet.
            write(root, "all.yaml", gateway("web", 80) + "---\n" + gateway("api", 7777));
            ObjectNode edit = web.manifest().deepCopy();
            ((ObjectNode) edit.at("/spec/listeners/0")).put("port", 8000);
            store.apply(edit);
            String text = read(root, "all.yaml");
            assertTrue(text.contains("port: 7777"), text);
            assertTrue(text.contains("port: 8000"), text);
        }
    }

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws Exception {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            for (int i = 0; i < 5; i++) {
                store.apply(yaml(route("r" + i, "demo")));
            }
            store.updateStatus(routeKey("demo", "r1"), yaml("parents: []\n"));
            store.delete(routeKey("demo", "r0"), null);
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<String> names = all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
                    .toList();
            assertEquals(List.of(".portolan/state.journal", ".portolan/state.json", "demo/httproute-r1.yaml", "demo/httproute-r2.yaml",
                    "demo/httproute-r3.yaml", "demo/httproute-r4.yaml"), names);
        }
    }

    @Test
    void handEditsArePickedUpWithinASecondAndWatchersAreTold() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            List<StoreSnapshot> seen = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            store.watch(snapshot -> {
                seen.add(snapshot);
                threads.add(Thread.currentThread().getName());
            });
            write(root, "gw.yaml", gateway("web", 81));
            write(root, "nested/deeper/route.yaml", route("one", "demo"));
            await(1000, "hand edit", () -> store.get(routeKey("demo", "one")).isPresent()
                    && store.get(gatewayKey("web")).orElseThrow().generation() == 2);
            await(1000, "watch notification", () -> !seen.isEmpty()
                    && seen.get(seen.size() - 1).byKey().containsKey(routeKey("demo", "one")));
            assertTrue(threads.stream().allMatch("portolan-file-store"::equals), threads.toString());
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).revision() > seen.get(i - 1).revision());
            }

            int before = seen.size();
            store.apply(yaml(route("two", "demo")));
            await(1000, "notification after apply", () -> seen.size() > before);
        }
    }

    @Test
    void applyOverAnObjectWhoseDocumentIsBrokenIsAConflict() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            write(root, "gw.yaml", gateway("web", 80).replace("port: 80", "port: x"));
            await(3000, "broken document", () -> !store.snapshot().problems().isEmpty());
            assertTrue(store.snapshot().problems().get(0).keptPrevious());
            assertThrows(StoreException.Conflict.class, () -> store.apply(yaml(gateway("web", 90))));
            assertTrue(read(root, "gw.yaml").contains("port: x"));
        }
    }
}
