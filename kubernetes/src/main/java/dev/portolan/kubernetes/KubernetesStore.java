package dev.portolan.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.TypedManifests;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of Kubernetes mode: fabric8 informers (generic resources) for every kind the graph reads, their caches
 * merged into one snapshot on one store thread after every burst of events; writes go to the API server (the
 * snapshot follows when the informers see them). Kinds whose CRD is not installed are reported as load problems
 * and picked up once the CRD appears. An informer that cannot list or watch keeps retrying (fabric8 re-lists on an
 * expired resourceVersion and re-watches a dropped connection from the last one seen) while the store serves the
 * objects it last read and reports the interruption as a load problem until the watch is back.
 */
public final class KubernetesStore implements ResourceStore {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesStore.class);
    private static final String SOURCE = "kubernetes";
    private static final int MAX_STATUS_ATTEMPTS = 5;
    /**
     * Status writes in flight at once (each a read and a write): one at a time, the first sync of 5,000 routes took
     * a minute on the mock API server. client-go controllers run a handful of workers for the same reason.
     */
    private static final int STATUS_WRITERS = 8;
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long WATCH_CHECK_MILLIS = 250;

    private final KubernetesClient client;
    private final KubernetesStoreOptions options;
    private final ManifestConversion conversion;
    private final ScheduledExecutorService storeThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portolan-kubernetes-store");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<StoreSnapshot>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ResourceEventHandler<GenericKubernetesResource> onEvent = new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
            requestRefresh();
        }

        @Override
        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
            requestRefresh();
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
            requestRefresh();
        }
    };

    // Store thread only.
    private final SortedMap<WatchedKind, List<SharedIndexInformer<GenericKubernetesResource>>> informers =
            new TreeMap<>();
    private final WatchHealth health = new WatchHealth();
    /** Per informer: done once its first list completed or failed (a failing one is retried in the background). */
    private final Map<SharedIndexInformer<GenericKubernetesResource>, CompletableFuture<Void>> starts =
            new HashMap<>();
    private Map<ResourceKey, StoredObject> converted = new HashMap<>();
    private Map<ResourceKey, String> versions = Map.of();
    private Set<String> loggedProblems = Set.of();
    private long revision;

    private volatile StoreSnapshot snapshot = StoreSnapshot.empty();
    private volatile Map<String, WatchedKind> servedKinds = Map.of();
    private final ExecutorService statusWriters = Executors.newFixedThreadPool(STATUS_WRITERS, runnable -> {
        Thread thread = new Thread(runnable, "portolan-status-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private KubernetesStore(KubernetesClient client, KubernetesStoreOptions options) {
        this.client = client;
        this.options = options;
        this.conversion = new ManifestConversion(client.getKubernetesSerialization());
    }

    /**
     * Starts the informers and returns once their first lists are in the snapshot; a kind that cannot be listed now
     * is a load problem in it and keeps being retried. The client stays the caller's
     * (kubeconfig or in-cluster configuration is picked up by {@code new KubernetesClientBuilder().build()}).
     */
    public static KubernetesStore start(KubernetesClient client, KubernetesStoreOptions options) {
        KubernetesStore store = new KubernetesStore(client, options);
        store.storeThread.scheduleWithFixedDelay(store::checkWatches, WATCH_CHECK_MILLIS, WATCH_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
        // Round 1 starts the built-in kinds (CRDs among them); once CRDs are listed, round 2 starts the Gateway
        // API and policy kinds they serve; the last round only collects.
        try {
            for (int round = 0; round < 4; round++) {
                List<CompletableFuture<Void>> unfinished = store.onStoreThread(() -> {
                    store.refresh();
                    return store.unfinishedStarts();
                });
                if (unfinished.isEmpty()) {
                    break;
                }
                store.awaitStarts(unfinished);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("Kubernetes store started: {} objects, reading {}", store.snapshot.byKey().size(),
                store.servedKinds.values());
        return store;
    }

    @Override
    public StoreSnapshot snapshot() {
        return snapshot;
    }

    /** Merges the informer caches into the snapshot now and returns it (tests, start-up). */
    public StoreSnapshot refreshNow() {
        onStoreThread(() -> {
            refresh();
            return null;
        });
        return snapshot;
    }

    /** The kinds read now, by {@code Kind.group}. */
    public Map<String, WatchedKind> servedKinds() {
        return servedKinds;
    }

    @Override
    public Subscription watch(Consumer<StoreSnapshot> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    private void requestRefresh() {
        if (!closed && refreshQueued.compareAndSet(false, true)) {
            storeThread.execute(() -> {
                refreshQueued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.error("merging the Kubernetes informer caches failed; still serving revision {}",
                            snapshot.revision(), e);
                }
            });
        }
    }

    /** Merges the caches into a new snapshot (when anything changed) and reconciles informers with the CRDs. */
    private void refresh() {
        List<LoadProblem> readProblems = new ArrayList<>();
        Map<ResourceKey, StoredObject> objects = collect(readProblems);
        KindCatalog.Plan plan = KindCatalog.plan(crdManifests(objects));
        if (!crdsListed()) {
            // Until the CRDs are listed every Gateway API kind would look "not installed": start the built-in
            // kinds only and publish nothing yet, except why the cluster cannot be read when it cannot.
            reconcileInformers(KindCatalog.BUILT_IN);
            if (!health.problems().isEmpty()) {
                publish(Map.of(), health.problems());
            }
            return;
        }
        reconcileInformers(plan.kinds());
        List<LoadProblem> problems = new ArrayList<>(plan.problems());
        problems.addAll(health.problems());
        problems.addAll(readProblems);
        publish(objects, problems);
    }

    /** Start-ups (first lists) of the current informers that have not completed yet. */
    private List<CompletableFuture<Void>> unfinishedStarts() {
        return starts.entrySet().stream()
                .filter(entry -> !entry.getValue().isDone())
                .map(Map.Entry::getValue)
                .toList();
    }

    private boolean crdsListed() {
        List<SharedIndexInformer<GenericKubernetesResource>> crdInformers = informers.get(KindCatalog.CRD_KIND);
        return crdInformers != null && crdInformers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    private static List<ObjectNode> crdManifests(Map<ResourceKey, StoredObject> objects) {
        List<ObjectNode> crds = new ArrayList<>();
        for (StoredObject object : objects.values()) {
            if (object.key().group().equals(ApiGroups.APIEXTENSIONS) && object.key().kind().equals(ApiGroups.CRD)) {
                crds.add(object.manifest());
            }
        }
        return crds;
    }

    private void reconcileInformers(List<WatchedKind> wanted) {
        for (WatchedKind kind : List.copyOf(informers.keySet())) {
            if (!wanted.contains(kind)) {
                LOG.info("no longer reading {}: its CustomResourceDefinition is gone or changed", kind);
                for (SharedIndexInformer<GenericKubernetesResource> informer : informers.remove(kind)) {
                    informer.stop();
                    starts.remove(informer);
                    health.remove(informer);
                }
            }
        }
        Map<String, WatchedKind> served = new TreeMap<>();
        for (WatchedKind kind : wanted) {
            served.put(kind.groupKind(), kind);
            if (!informers.containsKey(kind)) {
                informers.put(kind, startInformers(kind));
            }
        }
        servedKinds = Map.copyOf(served);
    }

    private List<SharedIndexInformer<GenericKubernetesResource>> startInformers(WatchedKind kind) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(kind.context());
        Map<SharedIndexInformer<GenericKubernetesResource>, String> started = new LinkedHashMap<>();
        if (!kind.namespaced()) {
            started.put(op.runnableInformer(options.resyncMillis()), kind + " in the cluster");
        } else if (options.allNamespacesWatched()) {
            started.put(op.inAnyNamespace().runnableInformer(options.resyncMillis()), kind + " in all namespaces");
        } else {
            for (String namespace : options.namespaces()) {
                started.put(op.inNamespace(namespace).runnableInformer(options.resyncMillis()),
                        kind + " in namespace " + namespace);
            }
        }
        started.forEach((informer, description) -> {
            CompletableFuture<Void> settled = new CompletableFuture<>();
            health.add(informer, description, informer::hasSynced, informer::isWatching);
            informer.exceptionHandler((isStarted, failure) -> keepRetrying(informer, settled, failure));
            informer.addEventHandler(onEvent);
            informer.start().whenComplete((ignored, failure) -> {
                settled.complete(null);
                requestRefresh();
            });
            starts.put(informer, settled);
        });
        LOG.info("reading {}", String.join(", ", started.values()));
        return List.copyOf(started.keySet());
    }

    /**
     * The informers' exception handler: every failed list or watch is retried (with fabric8's back-off). fabric8's
     * default gives up on an informer whose first list failed and stops one after a watch error it cannot classify,
     * which would freeze that kind's objects for good without a word. The failure is a load problem until the
     * informer is watching again; start-up need not wait for a kind that cannot be read now.
     */
    private boolean keepRetrying(SharedIndexInformer<GenericKubernetesResource> informer,
                                 CompletableFuture<Void> settled, Throwable failure) {
        if (closed) {
            return false;
        }
        LOG.debug("reading the cluster failed; retrying", failure);
        try {
            storeThread.execute(() -> {
                if (health.failed(informer, failure, Instant.now())) {
                    refresh();
                }
                settled.complete(null); // after the problem is recorded: start-up returns with it in the snapshot
            });
        } catch (RejectedExecutionException e) {
            settled.complete(null);
            return false; // closed meanwhile
        }
        return true;
    }

    /** Periodic, on the store thread: interrupted watches become load problems, recovered ones lose theirs. */
    private void checkWatches() {
        try {
            if (!closed && health.check(Instant.now())) {
                refresh();
            }
        } catch (RuntimeException e) {
            LOG.error("checking the informers' watches failed", e); // caught: an exception would end the schedule
        }
    }

    /** Every object in the informer caches (converted once per resourceVersion). */
    private Map<ResourceKey, StoredObject> collect(List<LoadProblem> problems) {
        Map<ResourceKey, StoredObject> objects = new HashMap<>();
        for (var entry : informers.entrySet()) {
            for (SharedIndexInformer<GenericKubernetesResource> informer : entry.getValue()) {
                for (GenericKubernetesResource resource : informer.getStore().list()) {
                    StoredObject object = storedObject(resource, problems);
                    if (object != null) {
                        objects.put(object.key(), object);
                    }
                }
            }
        }
        return objects;
    }

    private void publish(Map<ResourceKey, StoredObject> objects, List<LoadProblem> problems) {
        Map<ResourceKey, String> nextVersions = new HashMap<>();
        objects.forEach((key, object) -> nextVersions.put(key, object.resourceVersion()));
        converted = objects;
        if (nextVersions.equals(versions) && problems.equals(snapshot.problems())) {
            return;
        }
        versions = nextVersions;
        // the next version of the last snapshot's map: readers compare the two over the objects that changed
        snapshot = new StoreSnapshot(++revision, VersionedMap.of(snapshot.byKey()).updatedTo(objects), problems);
        logNewProblems(problems);
        for (Consumer<StoreSnapshot> watcher : watchers) {
            try {
                watcher.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.error("store watcher {} failed", watcher, e);
            }
        }
    }

    private StoredObject storedObject(GenericKubernetesResource resource, List<LoadProblem> problems) {
        String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
        String namespace = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
        ResourceKey key = name == null ? null
                : ResourceKey.of(ApiGroups.groupOf(resource.getApiVersion()), resource.getKind(), namespace, name);
        if (key != null) {
            StoredObject cached = converted.get(key);
            if (cached != null && cached.resourceVersion().equals(resource.getMetadata().getResourceVersion())) {
                return cached;
            }
        }
        try {
            ManifestConversion.Split split = conversion.fromCluster(resource);
            ResourceKey parsed = Manifests.keyOf(split.manifest());
            return new StoredObject(parsed, split.manifest(), split.status(), SOURCE);
        } catch (ManifestException e) {
            problems.add(new LoadProblem(KindCatalog.SOURCE, -1, 0, key, e.field(), e.reason(), false));
        } catch (RuntimeException e) {
            problems.add(new LoadProblem(KindCatalog.SOURCE, -1, 0, key, "", "cannot be read: " + e.getMessage(),
                    false));
        }
        return null;
    }

    private void logNewProblems(List<LoadProblem> problems) {
        Set<String> now = new LinkedHashSet<>();
        for (LoadProblem problem : problems) {
            String line = problem.describe();
            now.add(line);
            if (!loggedProblems.contains(line)) {
                LOG.warn("{}", line);
            }
        }
        loggedProblems = now;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    public StoredObject apply(JsonNode manifest) {
        ResourceKey key;
        try {
            key = Manifests.keyOf(manifest);
        } catch (ManifestException e) {
            throw new StoreException.Invalid(null, e.field(), e.reason());
        }
        ObjectNode body = Manifests.copy(manifest);
        body.remove("status");
        try {
            TypedManifests.toTyped(body);
        } catch (ManifestException e) {
            throw new StoreException.Invalid(key, e.field(), key + " " + e.field() + ": " + e.reason());
        }
        WatchedKind kind = writableKind(key, ApiGroups.versionOf(manifest.path("apiVersion").asText("")));
        String expected = manifest.path("metadata").path("resourceVersion").asText("");
        GenericKubernetesResource object = conversion.toCluster(body);
        try {
            Resource<GenericKubernetesResource> resource = kind.namespaced()
                    ? client.genericKubernetesResources(kind.context()).inNamespace(key.namespace()).resource(object)
                    : client.genericKubernetesResources(kind.context()).resource(object);
            // With a resourceVersion: replace under that precondition (409 when stale, 404 when gone).
            GenericKubernetesResource written = expected.isEmpty()
                    ? resource.createOr(NonDeletingOperation::update)
                    : resource.update();
            ManifestConversion.Split split = conversion.fromCluster(written);
            return new StoredObject(key, split.manifest(), split.status(), SOURCE);
        } catch (KubernetesClientException e) {
            if (!expected.isEmpty() && (e.getCode() == 409 || e.getCode() == 404)) {
                throw new StoreException.Conflict(key, key + ": resourceVersion " + expected + " is stale ("
                        + (e.getCode() == 404 ? "the object does not exist" : "the server has a newer version")
                        + ")");
            }
            throw refusal(key, e);
        }
    }

    @Override
    public boolean delete(ResourceKey key, String expectedResourceVersion) {
        WatchedKind kind = servedKinds.get(key.groupKind());
        if (kind == null) {
            return false;
        }
        try {
            Resource<GenericKubernetesResource> resource = resourceOf(kind, key);
            boolean conditional = expectedResourceVersion != null && !expectedResourceVersion.isEmpty();
            return !(conditional ? resource.lockResourceVersion(expectedResourceVersion).delete()
                    : resource.delete()).isEmpty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            if (e.getCode() == 409) {
                throw new StoreException.Conflict(key, key + ": resourceVersion " + expectedResourceVersion
                        + " is stale");
            }
            throw refusal(key, e);
        }
    }

    /** Writes many statuses a few at a time; the first failure is rethrown once all writes have ended. */
    @Override
    public int updateStatuses(Map<ResourceKey, ObjectNode> statuses) {
        if (statuses.size() <= 1) {
            return ResourceStore.super.updateStatuses(statuses);
        }
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        statuses.forEach((key, status) -> writes.add(
                CompletableFuture.supplyAsync(() -> updateStatus(key, status), statusWriters)));
        int updated = 0;
        RuntimeException failure = null;
        for (CompletableFuture<Boolean> write : writes) {
            try {
                if (write.join()) {
                    updated++;
                }
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return updated;
    }

    @Override
    public boolean updateStatus(ResourceKey key, ObjectNode status) {
        WatchedKind kind = servedKinds.get(key.groupKind());
        if (kind == null) {
            return false;
        }
        // Merge with the server's current status, read fresh: the informer's copy can lag behind another
        // controller's write, and a server that does not check resourceVersion on /status (fabric8's mock does
        // not) would then lose that controller's entries. Status writes happen only on change, so the read is cheap.
        ObjectNode current = null;
        for (int attempt = 0; attempt < MAX_STATUS_ATTEMPTS; attempt++) {
            if (current == null) {
                GenericKubernetesResource fresh = getOrNull(kind, key);
                if (fresh == null) {
                    return false;
                }
                current = conversion.fromCluster(fresh).manifest();
                ObjectNode freshStatus = conversion.fromCluster(fresh).status();
                if (freshStatus != null) {
                    current.set("status", freshStatus);
                }
            }
            JsonNode onServer = current.get("status");
            ObjectNode merged = StatusMerge.merge(status, onServer, options.controllerName());
            if (merged.equals(onServer == null ? Manifests.JSON.createObjectNode() : onServer)) {
                return true;
            }
            ObjectNode body = Manifests.copy(current);
            body.set("status", merged);
            try {
                Resource<GenericKubernetesResource> resource = kind.namespaced()
                        ? client.genericKubernetesResources(kind.context()).inNamespace(key.namespace())
                                .resource(conversion.toCluster(body))
                        : client.genericKubernetesResources(kind.context()).resource(conversion.toCluster(body));
                resource.updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (e.getCode() != 409) {
                    throw refusal(key, e);
                }
                LOG.debug("status of {} changed on the server meanwhile; re-reading (attempt {})", key, attempt + 1);
                current = null;
            }
        }
        throw new StoreException.Conflict(key, key + ": status kept changing on the server; gave up after "
                + MAX_STATUS_ATTEMPTS + " attempts");
    }

    private GenericKubernetesResource getOrNull(WatchedKind kind, ResourceKey key) {
        try {
            return resourceOf(kind, key).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw refusal(key, e);
        }
    }

    private Resource<GenericKubernetesResource> resourceOf(WatchedKind kind, ResourceKey key) {
        var operation = client.genericKubernetesResources(kind.context());
        return kind.namespaced() ? operation.inNamespace(key.namespace()).withName(key.name())
                : operation.withName(key.name());
    }

    /** The kind as read by the store, in the version the manifest names. */
    private WatchedKind writableKind(ResourceKey key, String version) {
        WatchedKind kind = servedKinds.get(key.groupKind());
        if (kind == null) {
            throw new StoreException.Invalid(key, "kind", key + ": kind " + key.groupKind()
                    + " is not read from this cluster (is its CustomResourceDefinition installed?)");
        }
        if (kind.namespaced() && key.namespace().isEmpty()) {
            throw new StoreException.Invalid(key, "metadata.namespace", key + ": " + key.kind()
                    + " is namespaced; metadata.namespace is missing");
        }
        if (kind.namespaced() && !options.allNamespacesWatched() && !options.namespaces().contains(key.namespace())) {
            throw new StoreException.Invalid(key, "metadata.namespace", key + ": namespace " + key.namespace()
                    + " is not among the watched namespaces " + options.namespaces());
        }
        String written = version.isEmpty() ? kind.version() : version;
        return new WatchedKind(kind.group(), written, kind.kind(), kind.plural(), kind.namespaced());
    }

    private static StoreException refusal(ResourceKey key, KubernetesClientException e) {
        String message = key + ": the API server refused the write (HTTP " + e.getCode() + "): "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage());
        if (e.getCode() == 400 || e.getCode() == 422) {
            return new StoreException.Invalid(key, "", message);
        }
        if (e.getCode() == 409) {
            return new StoreException.Conflict(key, message);
        }
        return new StoreException.Unavailable(key, message);
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    private <T> T onStoreThread(java.util.concurrent.Callable<T> task) {
        try {
            return storeThread.submit(task).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Unavailable(null, "interrupted while reading the cluster");
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException.Unavailable(null, "reading the cluster failed: " + e);
        }
    }

    private void awaitStarts(List<CompletableFuture<Void>> started) {
        try {
            CompletableFuture.allOf(started.stream()
                            .map(future -> future.exceptionally(failure -> null))
                            .toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Unavailable(null, "interrupted while listing the cluster");
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException.Unavailable(null, "the first list of the cluster did not complete within "
                    + START_TIMEOUT_SECONDS + " s: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            onStoreThread(() -> {
                informers.values().forEach(list -> list.forEach(SharedIndexInformer::stop));
                informers.clear();
                return null;
            });
        } finally {
            storeThread.shutdownNow();
            statusWriters.shutdownNow();
        }
    }
}
