package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.await;
import static dev.portolan.store.file.StoreFixtures.route;
import static dev.portolan.store.file.StoreFixtures.routeKey;
import static dev.portolan.store.file.StoreFixtures.write;
import static dev.portolan.store.file.StoreFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store publishes a patched copy of its last sorted objects and saves the state file from lines it kept of the
 * last save; both must give what recomputing everything gives. A seeded sequence of random changes (API writes that
 * create, edit and delete, hand-written and removed files, status writes) is checked after each step against a model
 * of what the folder defines, and the store is closed and reopened along the way: the reopened store (objects from
 * the files, server-set metadata and status from the state file) must serve exactly what the running one did.
 */
class FileStoreIncrementalTest {
    private static final int STEPS = 60;
    private static final List<String> NAMESPACES = List.of("team-a", "team-b");

    @TempDir
    Path root;

    /** What the test expects: each object's hostname (its spec) and last written status. */
    private record Expected(String hostname, ObjectNode status) {
    }

    @Test
    void randomChangesServeWhatTheFolderAndTheStateFileSay() throws Exception {
        Random random = new Random(12);
        Map<ResourceKey, Expected> model = new TreeMap<>();
        FileStore store = FileStore.open(root, CLOCK);
        try {
            for (int step = 0; step < STEPS; step++) {
                String change = change(random, store, model, step);
                StoreSnapshot snapshot = awaitModel(store, model, "step " + step + ": " + change);
                if (step % 15 == 14) {
                    store.close();
                    store = FileStore.open(root, CLOCK);
                    assertSameObjects(snapshot, awaitModel(store, model, "reopened after step " + step),
                            "reopened after step " + step + " (" + change + ")");
                }
            }
        } finally {
            store.close();
        }
    }

    private String change(Random random, FileStore store, Map<ResourceKey, Expected> model, int step)
            throws Exception {
        String namespace = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
        String name = "r" + random.nextInt(6);
        ResourceKey key = routeKey(namespace, name);
        String hostname = "h" + step;
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                if (handWritten(key)) {
                    return "skip: " + key + " is hand-written";
                }
                store.apply(routeWithHostname(name, namespace, hostname));
                Expected before = model.get(key);
                model.put(key, new Expected(hostname, before == null ? null : before.status()));
                return "apply " + key + " with " + hostname;
            }
            case 2 -> {
                List<ResourceKey> present = new ArrayList<>(model.keySet());
                if (present.isEmpty()) {
                    return "nothing to delete";
                }
                ResourceKey victim = present.get(random.nextInt(present.size()));
                if (handWritten(victim)) {
                    Files.delete(handFile(victim));
                } else {
                    store.delete(victim, null);
                }
                model.remove(victim);
                return "delete " + victim;
            }
            case 3 -> {
                if (model.containsKey(key) && !handWritten(key)) {
                    return "skip: " + key + " is written through the API";
                }
                String text = Manifests.YAML.writeValueAsString(routeWithHostname(name, namespace, hostname));
                write(root, "hand/" + key.namespace() + "-" + key.name() + ".yaml", text);
                Expected before = model.get(key);
                model.put(key, new Expected(hostname, before == null ? null : before.status()));
                return "hand-write " + key + " with " + hostname;
            }
            default -> {
                List<ResourceKey> present = new ArrayList<>(model.keySet());
                if (present.isEmpty()) {
                    return "no status to write";
                }
                ResourceKey target = present.get(random.nextInt(present.size()));
                ObjectNode status = Manifests.JSON.createObjectNode();
                status.putArray("parents").addObject().put("controllerName", "portolan.dev/step-" + step);
                store.updateStatuses(Map.of(target, status));
                model.put(target, new Expected(model.get(target).hostname(), status));
                return "status of " + target;
            }
        }
    }

    private boolean handWritten(ResourceKey key) {
        return Files.exists(handFile(key));
    }

    private Path handFile(ResourceKey key) {
        return root.resolve("hand").resolve(key.namespace() + "-" + key.name() + ".yaml");
    }

    private static ObjectNode routeWithHostname(String name, String namespace, String hostname) {
        ObjectNode route = yaml(route(name, namespace));
        route.with("spec").putArray("hostnames").add(hostname + ".example.com");
        return route;
    }

    /** Waits until the store serves what the model says (hand edits arrive through the watch), then checks it. */
    private static StoreSnapshot awaitModel(FileStore store, Map<ResourceKey, Expected> model, String step) {
        await(10_000, step, () -> matches(store.snapshot(), model));
        StoreSnapshot snapshot = store.snapshot();
        assertEquals(model.keySet(), snapshot.byKey().keySet(), step);
        return snapshot;
    }

    private static boolean matches(StoreSnapshot snapshot, Map<ResourceKey, Expected> model) {
        if (!snapshot.byKey().keySet().equals(model.keySet())) {
            return false;
        }
        for (Map.Entry<ResourceKey, Expected> entry : model.entrySet()) {
            StoredObject object = snapshot.byKey().get(entry.getKey());
            String hostname = object.manifest().path("spec").path("hostnames").path(0).asText();
            if (!hostname.equals(entry.getValue().hostname() + ".example.com")) {
                return false;
            }
            if (!Objects.equals(entry.getValue().status(), object.status())) {
                return false;
            }
        }
        return true;
    }

    private static void assertSameObjects(StoreSnapshot before, StoreSnapshot after, String step) {
        assertEquals(before.byKey().keySet(), after.byKey().keySet(), step);
        for (Map.Entry<ResourceKey, StoredObject> entry : before.byKey().entrySet()) {
            StoredObject reopened = after.byKey().get(entry.getKey());
            assertNotNull(reopened, step + ": " + entry.getKey());
            assertEquals(entry.getValue().manifest(), reopened.manifest(), step + ": " + entry.getKey() + " manifest");
            assertEquals(entry.getValue().status(), reopened.status(), step + ": " + entry.getKey() + " status");
        }
    }
}
