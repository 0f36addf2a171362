package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link ResolutionIndex} must answer what {@link Resolution#resolve} answers from scratch, after every change:
 * seeded random edits of a few files holding good objects, duplicates (within and across files), broken documents
 * with and without a key, unreadable files, objects of a kind that only a CustomResourceDefinition in another file
 * serves, and that CRD coming and going. States follow as the store keeps them, so kept objects and keptPrevious
 * are exercised too.
 */
class ResolutionIndexTest {
    private static final List<String> PATHS = List.of("a.yaml", "b.yaml", "n/c.yaml", "n/d.yaml", "z.yaml");

    @Test
    void everyChangeResolvesAsFromScratch() {
        for (long seed = 1; seed <= 20; seed++) {
            runSeed(seed);
        }
    }

    private void runSeed(long seed) {
        Random random = new Random(seed);
        FolderKinds folderKinds = new FolderKinds();
        ResolutionIndex index = new ResolutionIndex();
        Map<String, ManifestFile> files = new TreeMap<>();
        Map<ResourceKey, ObjectState> states = new HashMap<>();
        Map<ResourceKey, Resolution.Definition> previous = Map.of();
        for (int step = 0; step < 120; step++) {
            Map<String, ManifestFile> changes = new HashMap<>();
            int edits = 1 + random.nextInt(2);
            for (int i = 0; i < edits; i++) {
                String path = PATHS.get(random.nextInt(PATHS.size()));
                ManifestFile file = randomFile(random, path, step);
                if (file == null) {
                    files.remove(path);
                } else {
                    files.put(path, file);
                }
                changes.put(path, file);
            }
            Set<ResourceKey> changed = index.update(changes, folderKinds.update(changes));
            Set<ResourceKey> served = new HashSet<>(states.keySet());
            Resolution expected = Resolution.resolve(files.values(), states, served);
            Resolution actual = index.resolution(states, served);
            String where = "seed " + seed + " step " + step;
            assertEquals(expected.defined(), actual.defined(), where + ": defined");
            assertEquals(expected.kept(), actual.kept(), where + ": kept");
            assertEquals(expected.problems(), actual.problems(), where + ": problems");
            Set<ResourceKey> moved = new HashSet<>(previous.keySet());
            moved.addAll(expected.defined().keySet());
            for (ResourceKey key : moved) {
                Resolution.Definition before = previous.get(key);
                Resolution.Definition now = expected.defined().get(key);
                boolean same = before != null && now != null && before.file() == now.file()
                        && before.document() == now.document();
                assertTrue(same || changed.contains(key), where + ": " + key + " changed but was not reported");
            }
            previous = new HashMap<>(expected.defined());
            // the store's states: defined objects point at their document; the rest go unless kept
            for (Map.Entry<ResourceKey, Resolution.Definition> entry : expected.defined().entrySet()) {
                states.put(entry.getKey(), new ObjectState("uid", "t", 1, "1", "s", "o",
                        entry.getValue().source(), null));
            }
            states.keySet().removeIf(key -> !expected.defined().containsKey(key) && !expected.kept().contains(key));
        }
    }

    /** A random file (null: removed) from a small pool of names so that duplicates and kept objects happen. */
    private static ManifestFile randomFile(Random random, String path, int step) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return null;
        }
        if (shape == 1) {
            return ManifestFile.unreadable(path, new FolderScanner.Stamp(step, step), "file is not UTF-8 text");
        }
        StringBuilder text = new StringBuilder();
        int documents = 1 + random.nextInt(3);
        for (int i = 0; i < documents; i++) {
            if (i > 0) {
                text.append("---\n");
            }
            text.append(randomDocument(random, step));
        }
        return ManifestFile.parse(path, new FolderScanner.Stamp(step, step), text.toString());
    }

    private static String randomDocument(Random random, int step) {
        String name = "r" + random.nextInt(4);
        return switch (random.nextInt(9)) {
            case 0 -> "apiVersion: [unclosed\n";                                   // no key: the file is broken
            case 1 -> StoreFixtures.route(name, "demo").replace("port: 8080", "port: nope"); // key, broken
            case 2 -> "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w" + random.nextInt(2) + "\n";
            case 3 -> StoreFixtures.WIDGET_CRD;
            default -> StoreFixtures.route(name, "demo").replace(name + ".example.com",
                    name + "-" + step + ".example.com");
        };
    }

    @Test
    void anUnchangedDefinitionIsNotReported() {
        ResolutionIndex index = new ResolutionIndex();
        FolderKinds kinds = new FolderKinds();
        ManifestFile a = ManifestFile.parse("a.yaml", new FolderScanner.Stamp(1, 1), StoreFixtures.route("r1", "demo"));
        ManifestFile b = ManifestFile.parse("b.yaml", new FolderScanner.Stamp(1, 1), StoreFixtures.route("r2", "demo"));
        Map<String, ManifestFile> both = Map.of("a.yaml", a, "b.yaml", b);
        assertEquals(Set.of(StoreFixtures.routeKey("demo", "r1"), StoreFixtures.routeKey("demo", "r2")),
                index.update(both, kinds.update(both)));
        ManifestFile b2 = ManifestFile.parse("b.yaml", new FolderScanner.Stamp(2, 2),
                StoreFixtures.route("r2", "demo").replace("8080", "9090"));
        Map<String, ManifestFile> change = Map.of("b.yaml", b2);
        assertEquals(Set.of(StoreFixtures.routeKey("demo", "r2")), index.update(change, kinds.update(change)),
                "only the object of the changed file");
        assertFalse(index.resolution(Map.of(), Set.of()).problems().iterator().hasNext());
    }
}
