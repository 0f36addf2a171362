package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file saves what changed into a journal beside it, rewrites everything only when the journal would
 * outgrow it, and loads as the full file plus the journal's committed batches, on real files.
 */
class StateFileJournalTest {
    @TempDir
    Path root;

    private static ResourceKey key(int i) {
        return StoreFixtures.routeKey("demo", "r" + i);
    }

    private static ObjectState state(int i, String version, String message) {
        return new ObjectState("uid-" + i, "2026-01-02T03:04:05Z", 1, version, "spec", "object", "f.yaml#" + i,
                message == null ? null : StoreFixtures.yaml("message: " + message + "\n"));
    }

    private Path full() {
        return root.resolve(StateFile.FOLDER).resolve(StateFile.NAME);
    }

    private Path journal() {
        return root.resolve(StateFile.FOLDER).resolve(StateFile.JOURNAL);
    }

    @Test
    void smallChangesAreAppendedAndLoadBack() throws Exception {
        StateFile file = new StateFile(root);
        file.load();
        Map<ResourceKey, ObjectState> expected = new TreeMap<>();
        Map<ResourceKey, ObjectState> first = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            first.put(key(i), state(i, String.valueOf(i), "a status message long enough to make lines " + i));
        }
        expected.putAll(first);
        file.save(50, first);
        String fullText = Files.readString(full());
        long journalSize = Files.size(journal());

        // one object changed, one removed: the full file stays as it is, the journal grows
        ObjectState changed = state(3, "51", "changed");
        file.save(51, Map.of(key(3), changed));
        Map<ResourceKey, ObjectState> removal = new HashMap<>();
        removal.put(key(7), null);
        file.save(52, removal);
        expected.put(key(3), changed);
        expected.remove(key(7));
        assertEquals(fullText, Files.readString(full()), "a small change does not rewrite the full file");
        assertTrue(Files.size(journal()) > journalSize, "it is appended to the journal");

        StateFile.Content loaded = new StateFile(root).load();
        assertEquals(52, loaded.counter());
        assertEquals(expected, loaded.objects());
    }

    @Test
    void aJournalOutgrowingTheFullFileIsFoldedIntoIt() throws Exception {
        StateFile file = new StateFile(root);
        file.load();
        Map<ResourceKey, ObjectState> expected = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            expected.put(key(i), state(i, String.valueOf(i), "m" + i));
        }
        file.save(10, new HashMap<>(expected));
        String firstFull = Files.readString(full());
        long version = 10;
        for (int round = 0; round < 30; round++) {
            version++;
            ObjectState next = state(round % 10, String.valueOf(version), "round " + round);
            expected.put(key(round % 10), next);
            file.save(version, Map.of(key(round % 10), next));
            assertTrue(Files.size(journal()) <= Files.size(full()) + 200, "the journal stays about the full file's size");
        }
        assertNotEquals(firstFull, Files.readString(full()), "the full file was written again");
        StateFile.Content loaded = new StateFile(root).load();
        assertEquals(version, loaded.counter());
        assertEquals(expected, loaded.objects());
    }

    @Test
    void aBatchCutShortByACrashIsDroppedAndTheNextSaveWritesEverything() throws Exception {
        StateFile file = new StateFile(root);
        file.load();
        Map<ResourceKey, ObjectState> expected = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            expected.put(key(i), state(i, String.valueOf(i), "a longer status message " + i));
        }
        file.save(20, new HashMap<>(expected));
        ObjectState committed = state(1, "21", "committed");
        file.save(21, Map.of(key(1), committed));
        expected.put(key(1), committed);
        // a crash in the middle of the next batch: a whole line of it and half a line, no commit
        String line = Files.readAllLines(journal()).get(1);
        Files.writeString(journal(), line.replace("committed", "lost") + "\n" + line.substring(0, 20),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        StateFile reopened = new StateFile(root);
        StateFile.Content loaded = reopened.load();
        assertEquals(21, loaded.counter());
        assertEquals(expected, loaded.objects(), "only committed batches count");

        String fullBefore = Files.readString(full());
        ObjectState after = state(2, "22", "after the crash");
        reopened.save(22, Map.of(key(2), after));
        expected.put(key(2), after);
        assertNotEquals(fullBefore, Files.readString(full()), "nothing is appended after a torn tail");
        assertEquals(expected, new StateFile(root).load().objects());
    }

    @Test
    void aJournalOfAnotherFullFileIsIgnored() throws Exception {
        StateFile file = new StateFile(root);
        file.load();
        file.save(1, Map.of(key(1), state(1, "1", null)));
        file.save(2, Map.of(key(1), state(1, "2", "journaled")));
        Path stale = root.resolve("stale-journal");
        Files.copy(journal(), stale);
        // a compaction writes a new full file; a crash before its new journal leaves the old one in place
        Map<ResourceKey, ObjectState> many = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put(key(i), state(i, String.valueOf(i + 3), "x".repeat(100)));
        }
        file.save(50, many);
        Files.copy(stale, journal(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StateFile.Content loaded = new StateFile(root).load();
        assertEquals(50, loaded.counter());
        assertEquals(new TreeMap<>(many), loaded.objects());
    }

    @Test
    void aJournalBiggerThanSavesEverLetItGrowIsNotReadAndTheNextSaveReplacesIt() throws Exception {
        StateFile file = new StateFile(root);
        file.load();
        file.save(1, Map.of(key(1), state(1, "1", null)));
        String header = Files.readAllLines(journal()).get(0);
        // the right id, then 8 MiB of lines: someone else's doing, not a save's
        StringBuilder huge = new StringBuilder(header).append('\n');
        String filler = "{\"removed\":true,\"group\":\"\",\"kind\":\"Service\",\"namespace\":\"x\",\"name\":\"y\"}\n";
        while (huge.length() < 8 << 20) {
            huge.append(filler);
        }
        Files.writeString(journal(), huge);
        StateFile reloaded = new StateFile(root);
        StateFile.Content loaded = reloaded.load();
        assertEquals(Map.of(key(1), state(1, "1", null)), loaded.objects(), "the full file alone");
        reloaded.save(2, Map.of(key(2), state(2, "2", null)));
        assertTrue(Files.size(journal()) < 64 * 1024, "the next save wrote everything and a fresh journal");
        assertEquals(2, new StateFile(root).load().objects().size());
    }

    @Test
    void aStateFileWithoutJournalLoadsAsBefore() throws Exception {
        Files.createDirectories(full().getParent());
        Files.writeString(full(), "{\"resourceVersionCounter\":7,\"objects\":[\n{\"group\":\"gateway.networking.k8s.io\","
                + "\"kind\":\"HTTPRoute\",\"namespace\":\"demo\",\"name\":\"r1\",\"uid\":\"u\",\"creationTimestamp\":"
                + "\"t\",\"generation\":2,\"resourceVersion\":\"7\",\"specHash\":\"s\",\"objectHash\":\"o\","
                + "\"source\":\"f.yaml#0\"}\n]}\n");
        StateFile file = new StateFile(root);
        StateFile.Content loaded = file.load();
        assertEquals(7, loaded.counter());
        assertEquals(2, loaded.objects().get(key(1)).generation());
        file.save(8, Map.of(key(2), state(2, "8", null)));
        StateFile.Content again = new StateFile(root).load();
        assertEquals(2, again.objects().size(), "the first save writes the full file with its journal id");
        assertTrue(Files.readString(full()).contains("\"journal\""));
    }
}
