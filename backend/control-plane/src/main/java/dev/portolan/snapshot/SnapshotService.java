package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.model.SortedDiff;
import dev.portolan.model.TypedCache;
import dev.portolan.model.VersionedMap;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ConditionTimes;
import dev.portolan.pipeline.ControlPlanePipeline;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import dev.portolan.threads.BackgroundThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link ControlPlaneSnapshot}: on every store change it rebuilds (on one thread, coalescing bursts
 * of changes), writes changed statuses back to the store and publishes the new snapshot atomically. A failure while
 * computing is logged and the last good snapshot keeps serving.
 */
public final class SnapshotService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);

    private final ResourceStore store;
    private static final Duration STATUS_RETRY = Duration.ofSeconds(2);
    /** Long enough for a status write in flight; short enough that an unreachable API server cannot stall shutdown. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final String controllerName;
    private final Clock clock;
    private final AtomicReference<ControlPlaneSnapshot> current = new AtomicReference<>();
    private final List<Consumer<ControlPlaneSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(BackgroundThreads.factory("portolan-snapshot"));
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final GatewayAddressing addressing;
    private final BooleanSupplier writesStatus;
    private final StatusLog statusLog = new StatusLog();
    /** The store snapshot the typed cache's last set was read from (null when unknown). */
    private StoreSnapshot typedFrom;
    /**
     * Every object with a computed status at the last write-back, with what was found: equal (skipped while neither
     * side changes) or written; its keys are the objects whose status Portolan wrote.
     */
    private final Map<ResourceKey, Checked> checked = new HashMap<>();
    /** What the last write-back compared, when it succeeded; null before the first and after a failure. */
    private WrittenAgainst writtenAgainst;
    private long version;
    /** What the last full computation read and gave; reused while only statuses and resourceVersions change. */
    private Computed last;
    /** Typed objects of the last rebuild: a rebuild converts only the manifests that changed. */
    private final TypedCache typedCache = new TypedCache();
    /** What the last rebuild computed that the next may reuse (route views, Gateway slices). */
    private final ControlPlanePipeline.Memo memo = new ControlPlanePipeline.Memo();
    private ResourceStore.Subscription subscription;
    private final CompletableFuture<Void> firstPublished = new CompletableFuture<>();

    /**
     * @param addressing   where Gateway addresses come from
     * @param writesStatus asked before every status write: false on replicas that do not lead, which still compute
     *                     (and serve) snapshots but leave the objects' status to the leader
     */
    public SnapshotService(ResourceStore store, String controllerName, Clock clock, GatewayAddressing addressing,
                           BooleanSupplier writesStatus) {
        this.store = store;
        this.controllerName = controllerName;
        this.clock = clock;
        this.addressing = addressing;
        this.writesStatus = writesStatus;
    }

    /**
     * Computes the first snapshot and returns once it is published (its statuses are written after that, so a big
     * cluster's first status sync does not hold up start), then follows the store.
     */
    public SnapshotService start() {
        requestRebuild();
        try {
            firstPublished.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("control plane snapshot could not be built", e);
        }
        subscription = store.watch(ignored -> requestRebuild());
        return this;
    }

    /** The current snapshot (never null after {@link #start()}). */
    public ControlPlaneSnapshot current() {
        return current.get();
    }

    /** Called after each new snapshot is published, on the snapshot thread. */
    public void onSnapshot(Consumer<ControlPlaneSnapshot> listener) {
        listeners.add(listener);
    }

    /** Queues a rebuild unless one is already queued. */
    public void requestRebuild() {
        if (worker.isShutdown()) {
            return; // closed: a late retry or store event has nothing left to rebuild
        }
        if (rebuildQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    rebuildQueued.set(false);
                    rebuild();
                });
            } catch (RejectedExecutionException closedMeanwhile) {
                rebuildQueued.set(false);
            }
        }
    }

    /** Rebuilds now and waits for it (tests, start-up). */
    public void awaitRebuild() {
        try {
            worker.submit(this::rebuild).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("control plane snapshot could not be built", e);
        }
    }

    private record Computed(StoreSnapshot stored, ResourceSet resources, Map<ResourceKey, Optional<String>> addresses,
                            ComputedState state) {
    }

    private void rebuild() {
        try {
            StoreSnapshot stored = store.snapshot();
            Instant now = clock.instant();
            Computed computedFrom = reusable(stored);
            if (computedFrom == null) {
                ResourceSet resources = typedSet(stored);
                Function<ResourceKey, Optional<String>> addresses =
                        addressing.addresses(resources, stored, controllerName);
                GraphOptions options = new GraphOptions(controllerName, now, addresses);
                computedFrom = new Computed(stored, resources, addressesOf(resources, addresses),
                        ControlPlanePipeline.compute(resources, options, memo));
            }
            last = computedFrom;
            ResourceSet resources = computedFrom.resources();
            ComputedState computed = computedFrom.state();
            ControlPlaneSnapshot next = new ControlPlaneSnapshot(++version, now, stored, resources, computed);
            current.set(next);
            firstPublished.complete(null);
            for (Consumer<ControlPlaneSnapshot> listener : listeners) {
                notify(listener, next);
            }
            statusLog.report(computed.statuses()); // after the listeners: logging is not on the way to the proxy
            // after publishing: the API and proxies get the new state without waiting for the API server's writes
            if (writesStatus.getAsBoolean()) {
                writeStatusesOrRetryLater(stored, computed);
            }
        } catch (RuntimeException e) {
            LOG.error("rebuilding the control plane snapshot failed; still serving version {}",
                    current.get() == null ? 0 : current.get().version(), e);
        }
    }

    /**
     * The typed objects of {@code stored}, through the typed cache: patched with the manifests that changed since
     * the snapshot it last read when the store can name them (versions of one map), else read from every manifest.
     */
    private ResourceSet typedSet(StoreSnapshot stored) {
        StoreSnapshot from = typedFrom;
        typedFrom = null; // until this set is built: a failure leaves the cache's last set unknown
        ResourceSet resources = changedManifests(from, stored)
                .flatMap(changed -> ResourceSet.patched(changed, typedCache))
                .orElseGet(() -> ResourceSet.of(BuiltInResources.withBuiltIns(stored.manifests(),
                        stored.objects().keySet()), typedCache));
        typedFrom = stored;
        return resources;
    }

    /**
     * The manifest now at each key that changed between two store snapshots (null where the object went), when the
     * snapshots say which keys those are and no built-in object is among them; else empty.
     */
    private static Optional<Map<ResourceKey, ObjectNode>> changedManifests(StoreSnapshot from, StoreSnapshot to) {
        List<ResourceKey> keys = new ArrayList<>();
        if (from == null || !VersionedMap.keysChangedBetween(from.byKey(), to.byKey(), keys)) {
            return Optional.empty();
        }
        Map<ResourceKey, ObjectNode> changed = new HashMap<>();
        for (ResourceKey key : keys) {
            if (BuiltInResources.isBuiltIn(key)) {
                return Optional.empty();
            }
            StoredObject object = to.byKey().get(key);
            changed.put(key, object == null ? null : object.manifest());
        }
        return Optional.of(changed);
    }

    /**
     * The last computation when {@code stored} gives the pipeline the same input (a status write-back, a
     * resourceVersion-only change) and every Gateway keeps its address: it would compute the same state again.
     */
    private Computed reusable(StoreSnapshot stored) {
        Computed previous = last;
        if (previous == null || !SameInputs.same(previous.stored(), stored)) {
            return null;
        }
        Function<ResourceKey, Optional<String>> addresses =
                addressing.addresses(previous.resources(), stored, controllerName);
        if (!addressesOf(previous.resources(), addresses).equals(previous.addresses())) {
            return null;
        }
        return new Computed(stored, previous.resources(), previous.addresses(), previous.state());
    }

    private static Map<ResourceKey, Optional<String>> addressesOf(ResourceSet resources,
                                                                  Function<ResourceKey, Optional<String>> addresses) {
        Map<ResourceKey, Optional<String>> byGateway = new HashMap<>();
        for (var gateway : resources.gateways()) {
            ResourceKey key = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND,
                    gateway.getMetadata().getNamespace(), gateway.getMetadata().getName());
            byGateway.put(key, addresses.apply(key));
        }
        return byGateway;
    }

    private static void notify(Consumer<ControlPlaneSnapshot> listener, ControlPlaneSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.error("snapshot listener {} failed", listener, e);
        }
    }

    /**
     * A failed status write (API server away, a 403 on /status) must not hold back the snapshot: the API and the
     * proxies get the new state anyway, and the write is tried again shortly.
     */
    private void writeStatusesOrRetryLater(StoreSnapshot stored, ComputedState computed) {
        try {
            writeStatuses(stored, computed);
        } catch (RuntimeException e) {
            LOG.warn("writing status back failed ({}); publishing the snapshot anyway, retrying in {} s", e.getMessage(),
                    STATUS_RETRY.toSeconds());
            CompletableFuture.delayedExecutor(STATUS_RETRY.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(this::requestRebuild);
        }
    }

    /**
     * Writes statuses that changed; clears statuses of objects Portolan no longer owns. Looks only at the keys whose
     * computed status or stored object is not the very object it was at the last write-back (one walk of each pair
     * of sorted maps in step): the others need what they needed then, which was written or found equal.
     */
    private void writeStatuses(StoreSnapshot stored, ComputedState computed) {
        Set<ResourceKey> recheck = new HashSet<>();
        SortedMap<ResourceKey, ObjectNode> statuses = computed.statuses();
        if (writtenAgainst == null) { // first write-back, or the last one failed: every key
            recheck.addAll(checked.keySet());
            recheck.addAll(statuses.keySet());
        } else {
            SortedDiff.forEach(writtenAgainst.statuses(), statuses, (key, before, after) -> recheck.add(key));
            SortedDiff.forEach(writtenAgainst.stored(), stored.byKey(), (key, before, after) -> recheck.add(key));
        }
        writtenAgainst = null; // until this one succeeds
        Map<ResourceKey, ObjectNode> changes = new HashMap<>();
        for (ResourceKey key : recheck) {
            ObjectNode status = statuses.get(key);
            StoredObject object = stored.byKey().get(key);
            if (status == null || object == null) {
                // an object Portolan wrote to but no longer owns a status for: clear it, once
                if (checked.remove(key) != null && status == null && object != null && hasContent(object.status())) {
                    changes.put(key, object.manifest().objectNode());
                }
                continue;
            }
            Checked last = checked.get(key);
            if (last != null && last.computed() == status && last.stored() == object) {
                continue; // the very status found equal to this very stored object before (trees are never mutated)
            }
            ObjectNode fresh = status.deepCopy();
            ConditionTimes.carryOver(object.status(), fresh);
            if (!SameStatus.same(fresh, object.status())) {
                changes.put(key, fresh);
                checked.put(key, Checked.WRITTEN);
            } else {
                checked.put(key, new Checked(status, object));
            }
        }
        if (!changes.isEmpty()) {
            store.updateStatuses(changes);
        }
        writtenAgainst = new WrittenAgainst(statuses, stored.byKey());
    }

    /** What the last successful write-back compared: the computed statuses and the stored objects. */
    private record WrittenAgainst(SortedMap<ResourceKey, ObjectNode> statuses,
                                  SortedMap<ResourceKey, StoredObject> stored) {
    }

    /** A computed status found to need no write against this stored object ({@link #WRITTEN}: it was written). */
    private record Checked(ObjectNode computed, StoredObject stored) {
        static final Checked WRITTEN = new Checked(null, null);
    }

    private static boolean hasContent(JsonNode status) {
        return status != null && !status.isEmpty();
    }

    /**
     * Stops following the store and lets a rebuild in flight finish (for at most {@link #CLOSE_GRACE}): interrupting
     * it mid status write would log a failed write for nothing.
     */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
