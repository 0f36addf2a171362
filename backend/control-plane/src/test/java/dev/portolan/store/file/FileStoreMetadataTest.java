package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.await;
import static dev.portolan.store.file.StoreFixtures.gateway;
import static dev.portolan.store.file.StoreFixtures.gatewayKey;
import static dev.portolan.store.file.StoreFixtures.read;
import static dev.portolan.store.file.StoreFixtures.write;
import static dev.portolan.store.file.StoreFixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.store.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreMetadataTest {
    @TempDir
    Path root;

    @Test
    void generationStartsAtOneAndRisesOnSpecEditsOnly() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoredObject first = web(store);
            assertEquals(1, first.generation());
            UUID.fromString(first.metadata().path("uid").asText());
            assertEquals("2026-01-02T03:04:05Z", first.metadata().path("creationTimestamp").asText());

            write(root, "gw.yaml", gateway("web", 80).replace("  namespace: demo\n",
                    "  namespace: demo\n  labels:\n    team: a\n"));
            await(3000, "label edit", () -> web(store).metadata().path("labels").has("team"));
            StoredObject labelled = web(store);
            assertEquals(1, labelled.generation());
            assertNotEquals(first.resourceVersion(), labelled.resourceVersion());

            write(root, "gw.yaml", gateway("web", 8080));
            await(3000, "spec edit", () -> web(store).generation() == 2);
            StoredObject edited = web(store);
            assertTrue(Long.parseLong(edited.resourceVersion()) > Long.parseLong(labelled.resourceVersion()));
            assertEquals(first.metadata().path("uid"), edited.metadata().path("uid"));
            assertEquals(first.metadata().path("creationTimestamp"), edited.metadata().path("creationTimestamp"));

            assertTrue(store.updateStatus(gatewayKey("web"), yaml("conditions:\n- type: Accepted\n  status: 'True'\n")));
            StoredObject withStatus = web(store);
            assertEquals(2, withStatus.generation());
            assertTrue(Long.parseLong(withStatus.resourceVersion()) > Long.parseLong(edited.resourceVersion()));
            assertEquals("Accepted", withStatus.status().at("/conditions/0/type").asText());
            assertFalse(withStatus.manifest().has("status"));
        }
    }

    @Test
    void reorderingKeysIsNoChange() {
        write(root, "gw.yaml", gateway("web", 80));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            String version = web(store).resourceVersion();
            write(root, "gw.yaml", gateway("web", 80).replace("spec:\n  gatewayClassName: portolan\n",
                    "spec:\n  gatewayClassName: portolan # comment\n"));
            write(root, "other.yaml", gateway("api", 81));
            await(3000, "other file", () -> store.get(gatewayKey("api")).isPresent());
            assertEquals(version, web(store).resourceVersion());
        }
    }

    @Test
    void serverSetFieldsAndStatusSurviveARestartAndStayOutOfManifestFiles() throws Exception {
        write(root, "gw.yaml", gateway("web", 80));
        StoredObject before;
        try (FileStore store = FileStore.open(root, CLOCK)) {
            store.updateStatus(gatewayKey("web"), yaml("conditions:\n- type: Programmed\n"));
            before = web(store);
        }
        assertFalse(read(root, "gw.yaml").contains("status"));
        assertFalse(read(root, "gw.yaml").contains("uid"));
        assertTrue(Files.exists(root.resolve(".portolan/state.json")));

        try (FileStore reopened = FileStore.open(root, CLOCK.withZone(CLOCK.getZone()))) {
            StoredObject after = web(reopened);
            assertEquals(before.manifest(), after.manifest());
            assertEquals(before.status(), after.status());
        }
        // A hand edit while the store was down: generation rises once, identity stays.
        write(root, "gw.yaml", gateway("web", 81));
        try (FileStore reopened = FileStore.open(root, CLOCK)) {
            StoredObject after = web(reopened);
            assertEquals(2, after.generation());
            assertEquals(before.metadata().path("uid"), after.metadata().path("uid"));
            assertEquals("Programmed", after.status().at("/conditions/0/type").asText());
        }
    }

    @Test
    void aStateFileLargerThanTheManifestLimitStillLoads() throws Exception {
        write(root, "gw.yaml", gateway("web", 80));
        StoredObject before;
        try (FileStore store = FileStore.open(root, CLOCK)) {
            // many objects with statuses make a large state file; manifests are capped at 3 MiB, it is not
            var status = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            var conditions = status.putArray("conditions");
            for (int i = 0; i < 40_000; i++) {
                conditions.addObject().put("type", "Condition" + i).put("status", "True")
                        .put("message", "a message of some length to fill the state file " + i);
            }
            store.updateStatus(gatewayKey("web"), status);
            before = web(store);
        }
        assertTrue(Files.size(root.resolve(".portolan/state.json")) > 3 * 1024 * 1024);

        try (FileStore reopened = FileStore.open(root, CLOCK)) {
            StoredObject after = web(reopened);
            assertEquals(before.metadata().path("uid"), after.metadata().path("uid"), "identity kept");
            assertEquals(40_000, after.status().path("conditions").size());
        }
    }

    @Test
    void honoursACreationTimestampWrittenInTheManifest() {
        write(root, "gw.yaml", gateway("web", 80).replace("  name: web\n",
                "  name: web\n  creationTimestamp: \"2020-05-06T07:08:09Z\"\n"));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            assertEquals("2020-05-06T07:08:09Z", web(store).metadata().path("creationTimestamp").asText());
            assertEquals(1, web(store).generation());
        }
    }

    @Test
    void statusOfAnUnknownObjectIsIgnored() {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            assertFalse(store.updateStatus(gatewayKey("nope"), yaml("a: b\n")));
        }
    }

    private static StoredObject web(FileStore store) {
        return store.get(gatewayKey("web")).orElseThrow();
    }
}
