package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand edits arrive through the folder watch: with polling set to once an hour, a new file, a file in a folder
 * created after start, an edit and a deletion are still picked up (generous bounds: 2 busy cores).
 */
class FileStoreWatchTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long BOUND_SECONDS = 10;

    @TempDir
    Path root;

    @Test
    void newEditedAndDeletedFilesArriveWithoutPolling() throws Exception {
        Files.createDirectories(root.resolve("nested"));
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            BlockingQueue<StoreSnapshot> changes = new LinkedBlockingQueue<>();
            store.watch(changes::add);
            ResourceKey web = ResourceKey.of("gateway.networking.k8s.io", "Gateway", "demo", "web");

            Files.writeString(root.resolve("nested/web.yaml"), StoreFixtures.gateway("web", 80));
            assertTrue(awaitObject(changes, web), "a new file in a nested folder");

            Files.writeString(root.resolve("nested/web.yaml"), StoreFixtures.gateway("web", 8080));
            StoreSnapshot edited = awaitRevision(changes, s -> s.byKey().containsKey(web)
                    && s.byKey().get(web).manifest().at("/spec/listeners/0/port").asInt() == 8080);
            assertEquals(2, edited.byKey().get(web).generation(), "an edit of its spec");

            Files.delete(root.resolve("nested/web.yaml"));
            awaitRevision(changes, s -> !s.byKey().containsKey(web));
        }
    }

    @Test
    void aFolderCreatedAfterStartIsWatchedToo() throws Exception {
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            BlockingQueue<StoreSnapshot> changes = new LinkedBlockingQueue<>();
            store.watch(changes::add);
            Path later = Files.createDirectories(root.resolve("team-a/deeper"));
            // let the watch register the new folders before the file lands in them (the scan would find it anyway)
            Thread.sleep(200);
            Files.writeString(later.resolve("route.yaml"), StoreFixtures.route("r1", "team-a"));
            assertTrue(awaitObject(changes, ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "team-a",
                    "r1")));
        }
    }

    @Test
    void aFolderRemovedOrRenamedTakesItsObjectsAlong() throws Exception {
        Files.createDirectories(root.resolve("team-a"));
        Files.writeString(root.resolve("team-a/route.yaml"), StoreFixtures.route("r1", "team-a"));
        ResourceKey r1 = ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "team-a", "r1");
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            BlockingQueue<StoreSnapshot> changes = new LinkedBlockingQueue<>();
            store.watch(changes::add);
            assertTrue(store.snapshot().byKey().containsKey(r1));
            // events name the folder, not its files: the store scans
            Files.move(root.resolve("team-a"), root.resolve("team-b"));
            StoreSnapshot moved = awaitRevision(changes, s -> s.byKey().containsKey(r1)
                    && s.byKey().get(r1).source().startsWith("team-b/"));
            assertEquals("team-b/route.yaml#0", moved.byKey().get(r1).source());
            Files.delete(root.resolve("team-b/route.yaml"));
            Files.delete(root.resolve("team-b"));
            awaitRevision(changes, s -> !s.byKey().containsKey(r1));
        }
    }

    @Test
    void aRemovedFolderWithAManifestsNameTakesItsObjectsAlong() throws Exception {
        Files.createDirectories(root.resolve("odd.yaml"));
        Files.writeString(root.resolve("odd.yaml/route.yaml"), StoreFixtures.route("r1", "team-a"));
        ResourceKey r1 = ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "team-a", "r1");
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            BlockingQueue<StoreSnapshot> changes = new LinkedBlockingQueue<>();
            store.watch(changes::add);
            assertTrue(store.snapshot().byKey().containsKey(r1));
            // the parent's event names "odd.yaml", which is no file: only a scan tells what went with it
            Files.move(root.resolve("odd.yaml"), root.resolve(".hidden"));
            awaitRevision(changes, s -> !s.byKey().containsKey(r1));
        }
    }

    @Test
    void writesDoNotScanTheFolderWhileTheWatchIsHealthy() throws Exception {
        Files.createDirectories(root.resolve("demo"));
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            long scans = store.scans();
            for (int i = 0; i < 5; i++) {
                store.apply(StoreFixtures.yaml(StoreFixtures.route("r" + i, "demo")));
            }
            store.apply(StoreFixtures.yaml(StoreFixtures.route("r1", "demo").replace("8080", "9090")));
            store.delete(StoreFixtures.routeKey("demo", "r0"), null);
            Thread.sleep(200); // the watch reports the store's own writes: a stat per file named, no scan
            assertEquals(scans, store.scans(), "a write costs a stat of its file, not one of every file");
            assertEquals(4, store.snapshot().byKey().size());
        }
    }

    @Test
    void aWriteToAFileWrittenByHandMomentsAgoAppendsInsteadOfClobberingIt() throws Exception {
        try (FileStore store = FileStore.open(root, StoreFixtures.CLOCK, HOUR)) {
            // the file the store would create for r1 appears by hand, and the write comes before any event does
            Files.createDirectories(root.resolve("demo"));
            Files.writeString(root.resolve("demo/httproute-r1.yaml"), StoreFixtures.route("r2", "demo"));
            store.apply(StoreFixtures.yaml(StoreFixtures.route("r1", "demo")));
            String text = Files.readString(root.resolve("demo/httproute-r1.yaml"));
            assertTrue(text.contains("name: r2") && text.contains("name: r1"), text);
            assertTrue(store.snapshot().byKey().containsKey(StoreFixtures.routeKey("demo", "r1")));
            assertTrue(store.snapshot().byKey().containsKey(StoreFixtures.routeKey("demo", "r2")));
        }
    }

    private static boolean awaitObject(BlockingQueue<StoreSnapshot> changes, ResourceKey key) throws Exception {
        return awaitRevision(changes, s -> s.byKey().containsKey(key)).byKey().containsKey(key);
    }

    private static StoreSnapshot awaitRevision(BlockingQueue<StoreSnapshot> changes,
                                               java.util.function.Predicate<StoreSnapshot> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            StoreSnapshot next = changes.poll(100, TimeUnit.MILLISECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        throw new AssertionError("the store did not see the change within " + BOUND_SECONDS + " s");
    }
}
