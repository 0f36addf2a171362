package dev.portolan.store.file;

import dev.portolan.threads.BackgroundThreads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the store soon after anything changes in the manifest folder tree (as the folder is read: nested folders,
 * hidden ones skipped), so that a saved file is picked up in milliseconds instead of at the next poll. Events are
 * only a hint: the store then looks at the manifest files the events name (a stat each, not a scan of the
 * folder), scans the whole folder when an event names anything else (a folder created, renamed or removed) or
 * events were lost, and keeps polling as the fallback for file systems that send no events (network mounts) and
 * should this watch fail. A burst of events (an editor's save, a checkout) becomes one call,
 * {@link #SETTLE_MILLIS} after the last event, so that a file being written is normally read complete; a
 * half-written file is reported as broken and re-read on its next event anyway.
 */
final class FolderWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
    /** Quiet time after the last event before scanning: long enough for one write to finish, short to a human. */
    static final long SETTLE_MILLIS = 15;

    private final Path root;
    private final WatchService service;
    /** Called with the relative paths of the manifest files a burst named, or null when the folder needs a scan. */
    private final Consumer<Set<String>> changed;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    /** False once the watch thread stopped for any reason: the store then scans on every write, as it polls. */
    private volatile boolean running = true;
    /** A folder created after start could not be watched: the watch no longer sees every change. */
    private volatile boolean missesFolders;
    // Of the burst being settled (watch thread only).
    private final Set<String> burst = new LinkedHashSet<>();
    private boolean burstNeedsScan;

    private FolderWatch(Path root, WatchService service, Consumer<Set<String>> changed) {
        this.root = root;
        this.service = service;
        this.changed = changed;
        this.thread = BackgroundThreads.factory("portolan-folder-watch").newThread(this::run);
    }

    /**
     * Starts watching {@code root}; {@code changed} is called on the watch thread after each settled burst with the
     * manifest files it named (relative paths, '/' separators), or null when the whole folder needs a scan.
     * Returns null (the store polls alone) when the file system offers no watch service.
     */
    static FolderWatch start(Path root, Consumer<Set<String>> changed) {
        FolderWatch watch = null;
        try {
            watch = new FolderWatch(root, root.getFileSystem().newWatchService(), changed);
            watch.registerTree(root);
            watch.thread.start();
            return watch;
        } catch (IOException | UnsupportedOperationException e) {
            if (watch != null) {
                watch.close(); // e.g. the inotify watch limit was reached half way
            }
            LOG.warn("cannot watch manifest folder {} ({}); picking up changes by polling only", root, e.toString());
            return null;
        }
    }

    private void registerTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                folders.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished meanwhile: nothing to watch
            }
        });
    }

    /**
     * Whether every change in the folder reaches the store through this watch: the store's writes then need not
     * scan the folder first (a hand edit racing with a write is seen moments later, as if made just after it).
     */
    boolean healthy() {
        return running && !closed && !missesFolders;
    }

    private void run() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                drain(key);
                // settle: take every further event until the folder is quiet for SETTLE_MILLIS
                while ((key = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(key);
                }
                if (burstNeedsScan) {
                    changed.accept(null);
                } else if (!burst.isEmpty()) {
                    changed.accept(Set.copyOf(burst));
                }
                burst.clear();
                burstNeedsScan = false;
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // closed with the store
        } catch (RuntimeException e) {
            LOG.warn("watching manifest folder {} failed ({}); picking up changes by polling only", root,
                    e.toString(), e);
        } finally {
            running = false;
        }
    }

    /** Adds one folder's events to the burst (changes to hidden entries are none of the store's business). */
    private void drain(WatchKey key) {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || folder == null) {
                burstNeedsScan = true; // events were lost: scan
                continue;
            }
            Path name = (Path) event.context();
            if (name.toString().startsWith(".")) {
                continue; // the store's own state and temporary files, editors' swap files
            }
            Path child = folder.resolve(name);
            if (!FolderScanner.isManifestName(name.toString()) || Files.isDirectory(child)) {
                // a folder created, renamed or removed (or anything else): what it holds is known only by a scan
                burstNeedsScan = true;
            } else {
                burst.add(FolderScanner.relative(root, child));
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    // e.g. the inotify watch limit: edits there reach the store by polling, and writes scan again
                    missesFolders = true;
                    LOG.warn("cannot watch new folder {}: {}; polling covers it", child, e.toString());
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the folder watch: {}", e.toString());
        }
        thread.interrupt();
    }
}
