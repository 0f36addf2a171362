package dev.portolan.store.file;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the store soon after anything changes in the manifest folder tree (as the folder is read: nested folders,
 * hidden ones skipped), so that a saved file is picked up in milliseconds instead of at the next poll. Events are
 * only a hint: the store then scans as it polls, and keeps polling as the fallback for file systems that send no
 * events (network mounts), for an overflow, and should this watch fail. A burst of events (an editor's save, a
 * checkout) becomes one scan, {@link #SETTLE_MILLIS} after the last event, so that a file being written is
 * normally read complete; a half-written file is reported as broken and re-read on its next event anyway.
 */
final class FolderWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
    /** Quiet time after the last event before scanning: long enough for one write to finish, short to a human. */
    static final long SETTLE_MILLIS = 15;

    private final Path root;
    private final WatchService service;
    private final Runnable changed;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private FolderWatch(Path root, WatchService service, Runnable changed) {
        this.root = root;
        this.service = service;
        this.changed = changed;
        this.thread = new Thread(this::run, "portolan-folder-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code root}; {@code changed} is called on the watch thread after each settled burst.
     * Returns null (the store polls alone) when the file system offers no watch service.
     */
    static FolderWatch start(Path root, Runnable changed) {
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

    private void run() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                boolean relevant = drain(key);
                // settle: take every further event until the folder is quiet for SETTLE_MILLIS
                while ((key = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(key);
                }
                if (relevant) {
                    changed.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // closed with the store
        } catch (RuntimeException e) {
            LOG.warn("watching manifest folder {} failed ({}); picking up changes by polling only", root,
                    e.toString(), e);
        }
    }

    /** Handles one folder's events; true when a scan is due (anything but changes to hidden entries). */
    private boolean drain(WatchKey key) {
        Path folder = folders.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || folder == null) {
                relevant = true; // events were lost: scan
                continue;
            }
            Path name = (Path) event.context();
            if (name.toString().startsWith(".")) {
                continue; // the store's own state and temporary files, editors' swap files
            }
            relevant = true;
            Path child = folder.resolve(name);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    LOG.debug("cannot watch new folder {}: {}; polling covers it", child, e.toString());
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone
        }
        return relevant;
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
