package dev.portolan.store.file;

import dev.portolan.model.VersionedMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.TypedManifests;
import dev.portolan.model.reading.ReadLimits;
import dev.portolan.model.validation.ObjectValidator;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreChanges;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import dev.portolan.threads.BackgroundThreads;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: a folder of YAML/JSON manifests (multi-document, nested folders, hidden entries ignored),
 * with server-set metadata and status in {@code .portolan/state.json} (saved within half a second of a change, and
 * on close). Writes go through to the files atomically;
 * hand edits are picked up when the folder watch reports them (milliseconds), else by polling. Broken documents are reported and never make the store forget an object.
 */
public final class FileStore implements ResourceStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    static final long POLL_MILLIS = 300;
    private static final int MAX_WRITE_ATTEMPTS = 5;
    static final int PARALLEL_THRESHOLD = 16;
    private static final long SAVE_DELAY_MILLIS = 500;

    private final Path root;
    private final Clock clock;
    private final StateFile stateFile;
    private final ScheduledExecutorService storeThread;
    /** Saves the state file (big: every object's metadata and status) so that the store thread never waits on it. */
    private final ScheduledExecutorService saveThread;
    private final List<Consumer<StoreSnapshot>> watchers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // Guarded by lock.
    private final SortedMap<String, ManifestFile> files = new TreeMap<>();
    /** Hashed, not sorted: read for every object on every change; sorted only when saved, off the lock. */
    private final Map<ResourceKey, ObjectState> states;
    private final Map<ResourceKey, StoredObject> objects = new HashMap<>();
    /** The state each served object was built from: whether it is current is one identity check. */
    private final Map<ResourceKey, ObjectState> servedFrom = new HashMap<>();
    private final FolderKinds folderKinds = new FolderKinds();
    private final ResolutionIndex index = new ResolutionIndex();
    /** Files put into or removed from {@code files} since the last refresh. */
    private final Set<String> dirtyFiles = new HashSet<>();
    /** Rises with every change of {@code files}: a listing taken before a change is stale. */
    private long filesVersion;
    /** Scans of the whole folder so far (tests: a write must not cost one while the watch is healthy). */
    private final java.util.concurrent.atomic.AtomicLong scans = new java.util.concurrent.atomic.AtomicLong();
    /** The next refresh looks at every object, not only at those whose definition changed (initial load). */
    private boolean refreshAll = true;
    /** Keys put into or removed from {@code objects} since the last publish. */
    private final Set<ResourceKey> unpublished = new HashSet<>();
    /**
     * {@code objects} as last published, sorted and persistent: the next publish patches it with the unpublished
     * keys, and the snapshot holds it without copying.
     */
    private VersionedMap<ResourceKey, StoredObject> published = VersionedMap.empty();
    /** The keys each recent publish changed, for readers that work on changes only. */
    private StoreChanges changeLog = StoreChanges.unknown();
    private Resolution resolution = new Resolution(Map.of(), Set.of(), List.of());
    /** Keys whose state changed since the last save was handed to the save thread. */
    private final Set<ResourceKey> unsaved = new HashSet<>();
    private Set<String> loggedProblems = Set.of();
    private long counter;
    private long revision;
    private volatile StoreSnapshot snapshot = StoreSnapshot.empty();
    private volatile boolean closed;
    private FolderWatch folderWatch;
    /** A status write's state save is pending (guarded by lock). */
    private boolean saveScheduled;

    private FileStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
        this.stateFile = new StateFile(root);
        StateFile.Content content = stateFile.load();
        this.states = new HashMap<>(content.objects());
        this.counter = content.counter();
        this.revision = counter;
        ScheduledThreadPoolExecutor saver =
                new ScheduledThreadPoolExecutor(1, BackgroundThreads.factory("portolan-state-save"));
        saver.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() saves what is pending itself
        this.saveThread = saver;
        this.storeThread = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.factory("portolan-file-store"));
    }

    /** Opens (creating it if missing) a manifest folder, loads it and starts watching it for hand edits. */
    public static FileStore open(Path folder, Clock clock) {
        return open(folder, clock, POLL_MILLIS);
    }

    /** {@link #open(Path, Clock)} polling every {@code pollMillis} (tests: only the watch picks changes up). */
    static FileStore open(Path folder, Clock clock, long pollMillis) {
        Path root = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException.Unavailable(null, "cannot create manifest folder " + root + ": " + e);
        }
        FileStore store = new FileStore(root, clock);
        synchronized (store.lock) {
            store.pollLocked();
        }
        store.folderWatch = FolderWatch.start(root, store::folderChanged);
        // the fallback: file systems without events, lost events, a failed watch
        store.storeThread.scheduleWithFixedDelay(store::pollSafely, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        return store;
    }

    long scans() {
        return scans.get();
    }

    public Path folder() {
        return root;
    }

    @Override
    public StoreSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public StoredObject apply(JsonNode manifest) {
        ResourceKey key;
        try {
            key = Manifests.keyOf(manifest);
        } catch (ManifestException e) {
            throw new StoreException.Invalid(null, e.field(), e.reason());
        }
        ObjectNode userPart = ServerFields.userPart(manifest);
        try {
            ObjectValidator.validateMetadata(manifest, key);
            TypedManifests.toTyped(userPart);
        } catch (ManifestException e) {
            throw invalid(key, e);
        }
        String expected = manifest.path("metadata").path("resourceVersion").asText("");
        synchronized (lock) {
            ensureOpen(key);
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                catchUpBeforeWrite();
                try {
                    folderKinds.current().check(manifest.path("apiVersion").asText(), key.kind());
                } catch (ManifestException e) {
                    throw invalid(key, e);
                }
                StoredObject current = objects.get(key);
                if (!expected.isEmpty() && (current == null || !expected.equals(current.resourceVersion()))) {
                    throw new StoreException.Conflict(key, key + ": resourceVersion " + expected
                            + " is stale (stored: " + (current == null ? "none, the object does not exist"
                            : current.resourceVersion()) + ")");
                }
                Resolution.Definition definition = definitionOrConflict(key, current);
                if (definition != null && definition.document().objectHash().equals(Hashes.of(userPart))) {
                    return current;
                }
                String relPath;
                String newText;
                if (definition != null) {
                    relPath = definition.file().relPath();
                    if (changedOnDisk(definition.file())) {
                        continue;
                    }
                    newText = DocumentEdits.replace(definition.file(), definition.document(), userPart);
                } else {
                    relPath = newFilePath(key);
                    ManifestFile existing = files.get(relPath);
                    if (existing != null ? changedOnDisk(existing) : appearedOnDisk(relPath)) {
                        continue;
                    }
                    newText = existing == null || existing.text() == null
                            ? DocumentEdits.render(userPart, ManifestFile.isJson(relPath))
                            : DocumentEdits.append(existing, userPart);
                }
                writeAndReload(key, relPath, newText);
                StoredObject stored = objects.get(key);
                if (stored == null) {
                    throw new StoreException.Unavailable(key, key + " was written to " + relPath
                            + " but did not load back; see the store's problems");
                }
                return stored;
            }
            throw new StoreException.Conflict(key, key + ": its file keeps changing on disk; try again");
        }
    }

    private static StoreException.Invalid invalid(ResourceKey key, ManifestException e) {
        return new StoreException.Invalid(key, e.field(), key + " " + e.field() + ": " + e.reason());
    }

    @Override
    public boolean delete(ResourceKey key, String expectedResourceVersion) {
        synchronized (lock) {
            ensureOpen(key);
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                catchUpBeforeWrite();
                StoredObject current = objects.get(key);
                if (current == null) {
                    return false;
                }
                if (expectedResourceVersion != null && !expectedResourceVersion.isEmpty()
                        && !expectedResourceVersion.equals(current.resourceVersion())) {
                    throw new StoreException.Conflict(key, key + ": resourceVersion " + expectedResourceVersion
                            + " is stale (stored: " + current.resourceVersion() + ")");
                }
                Resolution.Definition definition = definitionOrConflict(key, current);
                if (changedOnDisk(definition.file())) {
                    continue;
                }
                String newText = DocumentEdits.remove(definition.file(), definition.document());
                writeAndReload(key, definition.file().relPath(), newText);
                return true;
            }
            throw new StoreException.Conflict(key, key + ": its file keeps changing on disk; try again");
        }
    }

    @Override
    public boolean updateStatus(ResourceKey key, ObjectNode status) {
        return updateStatuses(Collections.singletonMap(key, status)) == 1;
    }

    @Override
    public int updateStatuses(Map<ResourceKey, ObjectNode> statuses) {
        synchronized (lock) {
            if (closed) {
                return 0;
            }
            int found = 0;
            boolean changed = false;
            for (Map.Entry<ResourceKey, ObjectNode> entry : statuses.entrySet()) {
                ResourceKey key = entry.getKey();
                ObjectState state = states.get(key);
                if (state == null || !objects.containsKey(key)) {
                    continue;
                }
                found++;
                ObjectNode status = entry.getValue();
                ObjectNode newStatus = status == null || status.isEmpty() ? null : status.deepCopy();
                if (Objects.equals(newStatus, state.status())) {
                    continue;
                }
                ObjectState updated = state.withStatus(newStatus, String.valueOf(++counter));
                putState(key, updated);
                serve(key, storedObject(key, objects.get(key).manifest(), updated), updated);
                changed = true;
            }
            if (changed) {
                publish();
                saveStateSoon();
            }
            return found;
        }
    }

    @Override
    public Subscription watch(Consumer<StoreSnapshot> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    @Override
    public void close() {
        Map<ResourceKey, ObjectState> pending = null;
        long counterNow;
        synchronized (lock) {
            if (!unsaved.isEmpty() && !closed) {
                pending = takeUnsaved();
            }
            saveScheduled = false;
            counterNow = counter;
            closed = true;
        }
        if (folderWatch != null) {
            folderWatch.close();
        }
        storeThread.shutdownNow();
        saveThread.shutdown();
        try {
            // a save in flight holds an older state: let it finish before the newest is written
            saveThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pending != null) {
            saveState(counterNow, pending);
        }
    }

    // ---- reading the folder ----

    /**
     * Before a write: while the folder watch is healthy it reports every hand edit within milliseconds, so a write
     * need not stat every file of the folder first (a hand edit racing with the write is seen just after it; the
     * write's own file is checked with {@link #changedOnDisk} or {@link #appearedOnDisk}). Without it, a scan.
     */
    private void catchUpBeforeWrite() {
        if (folderWatch == null || !folderWatch.healthy()) {
            pollLocked();
        }
    }

    /** The folder watch's call: the manifest files a burst of events named, or null for a scan of the folder. */
    private void folderChanged(Set<String> relPaths) {
        if (relPaths == null || relPaths.stream().anyMatch(this::wasAFolder)) {
            pollSafely();
            return;
        }
        try {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                for (String relPath : relPaths) {
                    FolderScanner.Stamp stamp = stampOf(relPath);
                    ManifestFile known = files.get(relPath);
                    if (stamp == null) {
                        if (known != null) {
                            putFile(relPath, null);
                        }
                    } else if (known == null || !known.stamp().equals(stamp)) {
                        putFile(relPath, read(relPath));
                    }
                }
                if (!dirtyFiles.isEmpty()) {
                    refresh();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading changed files of manifest folder {} failed: {}", root, e.toString(), e);
        }
    }

    /** Whether files were known under this path: a folder with a manifest's name, gone now (only a scan tells). */
    private boolean wasAFolder(String relPath) {
        synchronized (lock) {
            return !files.subMap(relPath + "/", relPath + "0").isEmpty(); // '0' follows '/'
        }
    }

    /** The stamp of a manifest file, or null when it is not there or is no regular file (as a scan skips it). */
    private FolderScanner.Stamp stampOf(String relPath) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(root.resolve(relPath), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? FolderScanner.stamp(attrs) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The polling fallback: lists the folder without holding the lock (a stat per file), then catches up. */
    private void pollSafely() {
        try {
            long versionBefore;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                versionBefore = filesVersion;
            }
            SortedMap<String, FolderScanner.Stamp> listing = scan();
            synchronized (lock) {
                if (closed || listing == null) {
                    return;
                }
                // a write or event changed the files meanwhile: that listing may lack a file just written
                catchUp(filesVersion == versionBefore ? listing : scan());
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling manifest folder {} failed: {}", root, e.toString(), e);
        }
    }

    /** Re-reads changed files and, when anything changed, recomputes objects and publishes. */
    private void pollLocked() {
        catchUp(scan());
    }

    private SortedMap<String, FolderScanner.Stamp> scan() {
        scans.incrementAndGet();
        try {
            return FolderScanner.scan(root);
        } catch (IOException e) {
            LOG.warn("Cannot list manifest folder {}: {}", root, e.toString());
            return null;
        }
    }

    private void catchUp(SortedMap<String, FolderScanner.Stamp> listing) {
        if (listing == null) {
            return;
        }
        for (String gone : List.copyOf(files.keySet())) {
            if (!listing.containsKey(gone)) {
                putFile(gone, null);
            }
        }
        List<String> toRead = listing.entrySet().stream()
                .filter(entry -> files.get(entry.getKey()) == null
                        || !files.get(entry.getKey()).stamp().equals(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        // Reading is pure per file; a big initial load or checkout spreads over the cores.
        List<ManifestFile> read = (toRead.size() > PARALLEL_THRESHOLD ? toRead.parallelStream() : toRead.stream())
                .map(this::read)
                .toList();
        for (ManifestFile file : read) {
            putFile(file.relPath(), file);
        }
        if (!dirtyFiles.isEmpty() || refreshAll) {
            refresh();
        }
    }

    /** Puts a file as read (null: removed) into {@code files}; the next refresh resolves it. */
    private void putFile(String relPath, ManifestFile file) {
        if (file == null) {
            files.remove(relPath);
        } else {
            files.put(relPath, file);
        }
        dirtyFiles.add(relPath);
        filesVersion++;
    }

    private ManifestFile read(String relPath) {
        Path path = root.resolve(relPath);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            FolderScanner.Stamp stamp = FolderScanner.stamp(attrs);
            if (attrs.size() > ReadLimits.MAX_TEXT_BYTES) {
                // not even read: its cost would hold every write and poll behind it
                return ManifestFile.unreadable(relPath, stamp, "file is " + attrs.size() + " bytes, over the "
                        + ReadLimits.mebibytes(ReadLimits.MAX_TEXT_BYTES) + " limit for a manifest file; not read");
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0 && !isUtf8(path)) {
                return ManifestFile.unreadable(relPath, stamp, "file is not UTF-8 text");
            }
            return ManifestFile.parse(relPath, stamp, text);
        } catch (NoSuchFileException e) {
            return ManifestFile.unreadable(relPath, new FolderScanner.Stamp(-1, -1), "file vanished while reading");
        } catch (IOException e) {
            return ManifestFile.unreadable(relPath, new FolderScanner.Stamp(-1, -1), "cannot read file: " + e);
        }
    }

    private static boolean isUtf8(Path path) throws IOException {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether a file's content differs from what was last read (mtime may not have moved on a quick edit). */
    private boolean changedOnDisk(ManifestFile known) {
        ManifestFile now = read(known.relPath());
        if (Objects.equals(now.text(), known.text()) && now.readFailure() == null) {
            return false;
        }
        putFile(known.relPath(), now);
        refresh();
        return true;
    }

    /** Whether a file the store does not know yet is there after all (written by hand, not yet reported). */
    private boolean appearedOnDisk(String relPath) {
        if (stampOf(relPath) == null) {
            return false;
        }
        putFile(relPath, read(relPath));
        refresh();
        return true;
    }

    /**
     * Resolves the changed files and updates the objects whose definition changed (all of them on the first
     * refresh); saves state and publishes when anything changed.
     */
    private void refresh() {
        Map<String, ManifestFile> changes = new HashMap<>();
        for (String relPath : dirtyFiles) {
            changes.put(relPath, files.get(relPath));
        }
        dirtyFiles.clear();
        Set<ResourceKey> changedKeys = index.update(changes, folderKinds.update(changes));
        Resolution next = index.resolution(states, objects.keySet());
        boolean all = refreshAll;
        refreshAll = false;
        boolean stateChanged = false;
        boolean objectsChanged = false;
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        // in document order, as a load from scratch meets them: new objects get their resourceVersions in that order
        List<Resolution.Definition> toServe = new ArrayList<>();
        for (ResourceKey key : all ? next.defined().keySet() : changedKeys) {
            Resolution.Definition definition = next.defined().get(key);
            if (definition != null) {
                toServe.add(definition);
            }
        }
        toServe.sort(DOCUMENT_ORDER);
        for (Resolution.Definition definition : toServe) {
            ParsedDocument doc = definition.document();
            ResourceKey key = doc.key();
            ObjectState old = states.get(key);
            ObjectState updated = nextState(old, doc, definition, now);
            if (!updated.equals(old)) {
                putState(key, updated);
                stateChanged = true;
            }
            // served from another state (so with another resourceVersion), or not served yet
            if (servedFrom.get(key) != updated) {
                serve(key, storedObject(key, doc.userPart(), updated), updated);
                objectsChanged = true;
            }
        }
        // a state whose object lost its definition and is not kept goes; only objects whose definition changed
        // or that were kept can be such, unless the counts say otherwise (the first load: states of a former run)
        Set<ResourceKey> mayGo = new HashSet<>(changedKeys);
        mayGo.addAll(resolution.kept());
        if (all || states.size() != next.defined().size() + next.kept().size()) {
            mayGo = new HashSet<>(states.keySet());
        }
        for (ResourceKey key : mayGo) {
            if (states.containsKey(key) && !next.defined().containsKey(key) && !next.kept().contains(key)) {
                putState(key, null);
                stateChanged = true;
                if (objects.containsKey(key)) {
                    unserve(key);
                    objectsChanged = true;
                }
            }
        }
        boolean problemsChanged = !next.problems().equals(resolution.problems());
        resolution = next;
        if (problemsChanged) {
            logNewProblems(next.problems());
        }
        if (stateChanged || objectsChanged || problemsChanged || snapshot.revision() == 0) {
            publish();
        }
        if (stateChanged) {
            saveStateSoon();
        }
    }

    private static final java.util.Comparator<Resolution.Definition> DOCUMENT_ORDER =
            java.util.Comparator.comparing((Resolution.Definition d) -> d.file().relPath())
                    .thenComparingInt(d -> d.document().index());

    private ObjectState nextState(ObjectState old, ParsedDocument doc, Resolution.Definition definition, String now) {
        if (old == null) {
            String source = definition.source();
            String created = doc.creationTimestamp() != null ? doc.creationTimestamp() : now;
            return new ObjectState(UUID.randomUUID().toString(), created, 1, String.valueOf(++counter),
                    doc.specHash(), doc.objectHash(), source, null);
        }
        String created = doc.creationTimestamp() != null ? doc.creationTimestamp() : old.creationTimestamp();
        String source = definition.source();
        if (old.objectHash().equals(doc.objectHash()) && old.creationTimestamp().equals(created)) {
            return old.source().equals(source) ? old : old.withSource(source);
        }
        long generation = old.specHash().equals(doc.specHash()) ? old.generation() : old.generation() + 1;
        return new ObjectState(old.uid(), created, generation, String.valueOf(++counter), doc.specHash(),
                doc.objectHash(), source, old.status());
    }

    /** Changes one state (null: removed); the next save writes it. */
    private void putState(ResourceKey key, ObjectState state) {
        if (state == null) {
            states.remove(key);
        } else {
            states.put(key, state);
        }
        unsaved.add(key);
    }

    private void serve(ResourceKey key, StoredObject object, ObjectState from) {
        objects.put(key, object);
        servedFrom.put(key, from);
        unpublished.add(key);
    }

    private void unserve(ResourceKey key) {
        objects.remove(key);
        servedFrom.remove(key);
        unpublished.add(key);
    }

    private static StoredObject storedObject(ResourceKey key, ObjectNode userPart, ObjectState state) {
        ObjectNode manifest = ServerFields.userPart(userPart);
        ObjectNode metadata = manifest.with("metadata");
        if (!key.isClusterScoped()) {
            metadata.put("namespace", key.namespace());
        }
        metadata.put("uid", state.uid());
        metadata.put("resourceVersion", state.resourceVersion());
        metadata.put("generation", state.generation());
        metadata.put("creationTimestamp", state.creationTimestamp());
        return new StoredObject(key, manifest, state.status() == null ? null : state.status().deepCopy(),
                state.source());
    }

    // ---- writing ----

    /** Where the object is defined now; a Conflict when it is only served from its last good version. */
    private Resolution.Definition definitionOrConflict(ResourceKey key, StoredObject current) {
        Resolution.Definition definition = resolution.defined().get(key);
        if (definition == null && current != null) {
            throw new StoreException.Conflict(key, key + ": the document defining it (" + current.source()
                    + ") is broken on disk; fix or remove it by hand first");
        }
        return definition;
    }

    static String newFilePath(ResourceKey key) {
        String folder = key.isClusterScoped() ? "_cluster" : key.namespace();
        return folder + "/" + key.kind().toLowerCase(java.util.Locale.ROOT) + "-" + key.name() + ".yaml";
    }

    private void writeAndReload(ResourceKey key, String relPath, String newText) {
        Path path = ContainedPaths.resolve(root, relPath, key);
        try {
            if (newText == null) {
                Files.deleteIfExists(path);
                putFile(relPath, null);
            } else {
                AtomicFiles.write(path, newText);
                putFile(relPath, read(relPath));
            }
        } catch (IOException e) {
            throw new StoreException.Unavailable(key, "cannot write " + relPath + ": " + e);
        }
        refresh();
    }

    /**
     * Saves the states that changed (appended to the state file's journal; see {@link StateFile}) within
     * {@link #SAVE_DELAY_MILLIS}, once for a burst of writes, off the path from a change to the proxy; close() saves
     * what is pending. A crash in between loses at most that much metadata: the manifests themselves are written
     * through, and on the next start their changes get new resourceVersions and generations again.
     */
    private void saveStateSoon() {
        if (saveScheduled || closed) {
            return;
        }
        saveScheduled = true;
        saveThread.schedule(() -> {
            long counterNow;
            Map<ResourceKey, ObjectState> changes;
            synchronized (lock) {
                if (!saveScheduled || closed) {
                    return;
                }
                saveScheduled = false;
                counterNow = counter;
                changes = takeUnsaved();
            }
            // encoded and written outside the lock and off the store thread: writes and change notices go on
            saveState(counterNow, changes);
        }, SAVE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The states changed since the last save (null: removed), handed over; states are immutable. */
    private Map<ResourceKey, ObjectState> takeUnsaved() {
        Map<ResourceKey, ObjectState> changes = new HashMap<>(Math.max(16, unsaved.size() * 4 / 3 + 1));
        for (ResourceKey key : unsaved) {
            changes.put(key, states.get(key));
        }
        unsaved.clear();
        return changes;
    }

    private void saveState(long counterNow, Map<ResourceKey, ObjectState> statesNow) {
        try {
            stateFile.save(counterNow, statesNow);
        } catch (IOException e) {
            LOG.error("Cannot save server-set metadata to {}: {}", root.resolve(StateFile.FOLDER), e.toString());
        }
    }

    private void ensureOpen(ResourceKey key) {
        if (closed) {
            throw new StoreException.Unavailable(key, "the file store for " + root + " is closed");
        }
    }

    // ---- publishing ----

    private void publish() {
        revision = Math.max(revision + 1, counter);
        // the last published objects with what changed: O(log n) new entries per changed key, no copy of the rest
        for (ResourceKey key : unpublished) {
            StoredObject object = objects.get(key);
            published = object == null ? published.minus(key) : published.plus(key, object);
        }
        changeLog = changeLog.then(snapshot.revision(), revision, unpublished);
        unpublished.clear();
        StoreSnapshot next = new StoreSnapshot(revision, published, resolution.problems(), changeLog);
        snapshot = next;
        if (closed) {
            return;
        }
        for (Consumer<StoreSnapshot> watcher : watchers) {
            storeThread.execute(() -> notifySafely(watcher, next));
        }
    }

    private void notifySafely(Consumer<StoreSnapshot> watcher, StoreSnapshot next) {
        if (!watchers.contains(watcher)) {
            return;
        }
        try {
            watcher.accept(next);
        } catch (RuntimeException e) {
            LOG.warn("A store watcher failed on revision {}: {}", next.revision(), e.toString(), e);
        }
    }

    private void logNewProblems(List<LoadProblem> problems) {
        Set<String> current = new LinkedHashSet<>();
        for (LoadProblem problem : problems) {
            String line = problem.describe();
            if (current.add(line) && !loggedProblems.contains(line)) {
                LOG.warn("Manifest problem in {}: {}", root, line);
            }
        }
        loggedProblems = current;
    }
}
