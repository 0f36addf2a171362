package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything the graph reads, typed and sorted by identity: the input of {@code GraphBuilder}. Built once per store
 * revision; never mutated. Objects that fail conversion are listed in {@link #problems()} and left out.
 */
public final class ResourceSet {
    /** A manifest that could not be read as its type. */
    public record Problem(ResourceKey key, String field, String reason) {
    }

    private static final int GATEWAY_CLASSES = 0;
    private static final int GATEWAYS = 1;
    private static final int HTTP_ROUTES = 2;
    private static final int REFERENCE_GRANTS = 3;
    private static final int BACKEND_TLS_POLICIES = 4;
    private static final int NAMESPACES = 5;
    private static final int SERVICES = 6;
    private static final int ENDPOINT_SLICES = 7;
    private static final int CONFIG_MAPS = 8;
    private static final int SECRETS = 9;
    private static final int CRDS = 10;
    private static final int OTHERS = 11;
    private static final int LISTS = 12;
    private static final Comparator<Object> BY_NAME = Comparator
            .comparing((Object o) -> nullToEmpty(((HasMetadata) o).getMetadata().getNamespace()))
            .thenComparing(o -> ((HasMetadata) o).getMetadata().getName());
    private static final Comparator<Object> BY_KEY = Comparator.comparing(o -> ((GenericObject) o).key());
    /** More changes than this share of the objects (or a tie in a list's order) sort every list again instead. */
    private static final int PATCH_SHARE = 8;

    /** Each kind's objects, sorted; never changed once built (a patched set shares the lists it did not touch). */
    @SuppressWarnings("unchecked")
    private final List<Object>[] lists = new List[LISTS];
    /** Read-only views of {@link #lists}, made once (callers ask for a list per backend). */
    @SuppressWarnings("unchecked")
    private final List<Object>[] views = new List[LISTS];
    private final List<Problem> problems;
    /** The conversions by key (problems too, with no typed object): the typed cache's map, frozen with this set. */
    private final LayeredMap<ResourceKey, TypedCache.Converted> byKey;
    /** Stands for this set in a later set's {@link #patchedFrom} (without keeping this set alive). */
    private final Object identity = new Object();
    private final Object patchedFrom;
    private final ResourceChanges changes;
    private volatile List<Object> allButHttpRoutes;

    private ResourceSet(LayeredMap<ResourceKey, TypedCache.Converted> byKey, List<Problem> problems, Object patchedFrom,
                        ResourceChanges changes) {
        this.byKey = byKey;
        this.problems = problems;
        this.patchedFrom = patchedFrom;
        this.changes = changes;
    }

    /** Reads manifests (each a full object tree with metadata; status is ignored). */
    public static ResourceSet of(Collection<? extends JsonNode> manifests) {
        return of(manifests, new TypedCache());
    }

    /**
     * Like {@link #of(Collection)}, converting only manifests the cache has not seen in the last set, and patching
     * that set's sorted lists with what changed since (see {@link #changesSince(ResourceSet)}).
     */
    public static ResourceSet of(Collection<? extends JsonNode> manifests, TypedCache cache) {
        ResourceSet previous = cache.lastSet();
        List<Problem> problems = new ArrayList<>();
        List<Object> inOrder = new ArrayList<>(manifests.size());
        Set<ResourceKey> changed = new HashSet<>();
        int known = 0;
        for (JsonNode manifest : manifests) {
            ResourceKey key;
            try {
                key = cache.keyOf(manifest);
            } catch (ManifestException e) {
                problems.add(new Problem(null, e.field(), e.reason()));
                continue;
            }
            TypedCache.Converted before = cache.known(key);
            TypedCache.Converted converted = cache.convert(key, manifest, before);
            if (before != null) {
                known++;
            }
            if ((before == null ? null : before.typed()) != converted.typed()) {
                changed.add(key);
            }
            if (converted.problem() == null) {
                inOrder.add(converted.typed());
            } else {
                problems.add(new Problem(key, converted.problem().field(), converted.problem().reason()));
            }
        }
        LayeredMap<ResourceKey, TypedCache.Converted> byKey = cache.conversions(
                cache.duplicateKeys() || known < cache.lastSize(), changed::add);
        ResourceChanges changes = null;
        if (previous != null && !cache.duplicateKeys()) {
            changes = new ResourceChanges(changed, onlyHttpRoutes(changed, previous, byKey));
        }
        ResourceSet set = new ResourceSet(byKey, problems, changes == null ? null : previous.identity, changes);
        return set.finish(previous, cache, () -> inOrder);
    }

    /**
     * What {@link #of(Collection, TypedCache)} gives for the last set's manifests (built through {@code cache}) with
     * those at the {@code changed} keys replaced, a null manifest meaning the object is gone, without walking the
     * unchanged ones: the manifests must be in key order, as a store's are, and each changed key must be its
     * manifest's own. Empty, with the cache untouched, when it cannot tell that way (no last set, or a manifest whose
     * key is not the one given): then build from the whole collection.
     */
    public static Optional<ResourceSet> patched(Map<ResourceKey, ? extends JsonNode> changed, TypedCache cache) {
        ResourceSet previous = cache.lastSet();
        if (previous == null) {
            return Optional.empty();
        }
        for (Map.Entry<ResourceKey, ? extends JsonNode> entry : changed.entrySet()) {
            try {
                if (entry.getValue() != null && !entry.getKey().equals(cache.keyOf(entry.getValue()))) {
                    return Optional.empty();
                }
            } catch (ManifestException e) {
                return Optional.empty(); // the whole walk reports it as it always has
            }
        }
        Set<ResourceKey> typedChanged = new HashSet<>();
        List<Problem> newProblems = new ArrayList<>();
        for (Map.Entry<ResourceKey, ? extends JsonNode> entry : changed.entrySet()) {
            ResourceKey key = entry.getKey();
            TypedCache.Converted before = cache.known(key);
            TypedCache.Converted after = null;
            if (entry.getValue() == null) {
                cache.forget(key, before);
            } else {
                after = cache.convert(key, entry.getValue(), before);
            }
            if ((before == null ? null : before.typed()) != (after == null ? null : after.typed())) {
                typedChanged.add(key);
            }
            if (after != null && after.problem() != null) {
                newProblems.add(new Problem(key, after.problem().field(), after.problem().reason()));
            }
        }
        LayeredMap<ResourceKey, TypedCache.Converted> byKey = cache.conversions(false, key -> { });
        ResourceChanges changes = new ResourceChanges(typedChanged, onlyHttpRoutes(typedChanged, previous, byKey));
        ResourceSet set = new ResourceSet(byKey, problemsPatched(previous.problems, changed.keySet(), newProblems),
                previous.identity, changes);
        return Optional.of(set.finish(previous, cache, () -> typedInKeyOrder(byKey)));
    }

    /** The last set's problems but those of the changed keys, with the new ones, in key order (the manifests'). */
    private static List<Problem> problemsPatched(List<Problem> last, Set<ResourceKey> changed, List<Problem> added) {
        if (added.isEmpty() && last.isEmpty()) {
            return List.of();
        }
        List<Problem> out = new ArrayList<>(last.size() + added.size());
        for (Problem problem : last) {
            if (problem.key() == null || !changed.contains(problem.key())) {
                out.add(problem);
            }
        }
        out.addAll(added);
        out.sort(Comparator.comparing(Problem::key, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    /** Every typed object, in key order: the manifests' order when they come from a store. */
    private static List<Object> typedInKeyOrder(LayeredMap<ResourceKey, TypedCache.Converted> byKey) {
        SortedMap<ResourceKey, Object> sorted = new TreeMap<>();
        byKey.forEach((key, converted) -> {
            if (converted.typed() != null) {
                sorted.put(key, converted.typed());
            }
        });
        return new ArrayList<>(sorted.values());
    }

    /**
     * Patches {@code previous}'s lists with this set's changes, or sorts every list again from the typed objects
     * in manifest order (asked for only then); then ends the cache's set.
     */
    private ResourceSet finish(ResourceSet previous, TypedCache cache, Supplier<List<Object>> inOrder) {
        if (changes == null || changes.keys().size() * PATCH_SHARE > Math.max(64, byKey.size())
                || !patch(previous)) {
            sortAll(inOrder.get());
        }
        for (int i = 0; i < LISTS; i++) {
            views[i] = previous != null && lists[i] == previous.lists[i]
                    ? previous.views[i] : Collections.unmodifiableList(lists[i]);
        }
        cache.finish(this, byKey);
        return this;
    }

    private static boolean onlyHttpRoutes(Set<ResourceKey> changed, ResourceSet previous,
                                          LayeredMap<ResourceKey, TypedCache.Converted> now) {
        for (ResourceKey key : changed) {
            Object before = previous.typedAt(key);
            TypedCache.Converted after = now.get(key);
            if (before != null && !(before instanceof HTTPRoute)
                    || after != null && after.typed() != null && !(after.typed() instanceof HTTPRoute)) {
                return false;
            }
        }
        return true;
    }

    private static int listOf(Object typed) {
        if (typed instanceof GatewayClass) {
            return GATEWAY_CLASSES;
        } else if (typed instanceof Gateway) {
            return GATEWAYS;
        } else if (typed instanceof HTTPRoute) {
            return HTTP_ROUTES;
        } else if (typed instanceof ReferenceGrant) {
            return REFERENCE_GRANTS;
        } else if (typed instanceof BackendTLSPolicy) {
            return BACKEND_TLS_POLICIES;
        } else if (typed instanceof Namespace) {
            return NAMESPACES;
        } else if (typed instanceof Service) {
            return SERVICES;
        } else if (typed instanceof EndpointSlice) {
            return ENDPOINT_SLICES;
        } else if (typed instanceof ConfigMap) {
            return CONFIG_MAPS;
        } else if (typed instanceof Secret) {
            return SECRETS;
        } else if (typed instanceof GenericObject o) {
            return o.key().group().equals(ApiGroups.APIEXTENSIONS) && o.key().kind().equals(ApiGroups.CRD)
                    ? CRDS : OTHERS;
        }
        return -1;
    }

    private static Comparator<Object> orderOf(int list) {
        return list == CRDS || list == OTHERS ? BY_KEY : BY_NAME;
    }

    /** Every list built again: each kind's objects in manifest order, then sorted (stable). */
    private void sortAll(List<Object> inOrder) {
        for (int i = 0; i < LISTS; i++) {
            lists[i] = new ArrayList<>();
        }
        for (Object typed : inOrder) {
            int list = listOf(typed);
            if (list >= 0) {
                lists[list].add(typed);
            }
        }
        for (int i = 0; i < LISTS; i++) {
            lists[i].sort(orderOf(i));
        }
    }

    /**
     * The previous set's lists with the changed objects taken out and put in again where they sort; the lists no
     * change touches are shared. False (nothing kept) when two objects of a list would sort as equal: their order
     * is then the manifests' order, which only sorting them all again gives.
     */
    private boolean patch(ResourceSet previous) {
        boolean[] touched = new boolean[LISTS];
        for (ResourceKey key : changes.keys()) {
            markList(previous.typedAt(key), touched);
            markList(typedAt(key), touched);
        }
        for (int i = 0; i < LISTS; i++) {
            lists[i] = touched[i] ? new ArrayList<>(previous.lists[i]) : previous.lists[i];
        }
        for (ResourceKey key : changes.keys()) {
            Object before = previous.typedAt(key);
            if (before != null) {
                remove(lists[listOf(before)], before);
            }
        }
        for (ResourceKey key : changes.keys()) {
            Object after = typedAt(key);
            if (after != null) {
                int list = listOf(after);
                if (list < 0) {
                    continue;
                }
                int at = Collections.binarySearch(lists[list], after, orderOf(list));
                if (at >= 0) {
                    return false;
                }
                lists[list].add(-at - 1, after);
            }
        }
        if (changes.onlyHttpRoutes()) {
            allButHttpRoutes = previous.allButHttpRoutes;
        }
        return true;
    }

    private static void markList(Object typed, boolean[] touched) {
        int list = typed == null ? -1 : listOf(typed);
        if (list >= 0) {
            touched[list] = true;
        }
    }

    private void remove(List<Object> list, Object typed) {
        int at = Collections.binarySearch(list, typed, orderOf(listOf(typed)));
        if (at >= 0 && list.get(at) == typed) {
            list.remove(at);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == typed) {
                list.remove(i);
                return;
            }
        }
    }

    private Object typedAt(ResourceKey key) {
        TypedCache.Converted converted = byKey.get(key);
        return converted == null ? null : converted.typed();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * What changed since {@code earlier}: present when this set was patched from it (the last set built through the
     * same {@link TypedCache}), or is it (no change); empty when unknown, so that the caller computes from scratch.
     */
    public Optional<ResourceChanges> changesSince(ResourceSet earlier) {
        if (earlier == this) {
            return Optional.of(ResourceChanges.NONE);
        }
        return earlier != null && changes != null && earlier.identity == patchedFrom
                ? Optional.of(changes) : Optional.empty();
    }

    /** Any object by identity (typed, or {@link GenericObject}). */
    public Optional<Object> get(ResourceKey key) {
        return Optional.ofNullable(typedAt(key));
    }

    /** A typed object by identity, if present and of that type. */
    public <T> Optional<T> get(ResourceKey key, Class<T> type) {
        Object o = typedAt(key);
        return type.isInstance(o) ? Optional.of(type.cast(o)) : Optional.empty();
    }

    /**
     * Every object but the HTTPRoutes, in a fixed order (kind, then identity): what a route's graph view may read.
     * The same list as the previous set's when only HTTPRoutes changed since.
     */
    public List<Object> allButHttpRoutes() {
        List<Object> all = allButHttpRoutes;
        if (all == null) {
            List<Object> collected = new ArrayList<>();
            for (int i = 0; i < LISTS; i++) {
                if (i != HTTP_ROUTES) {
                    collected.addAll(lists[i]);
                }
            }
            all = Collections.unmodifiableList(collected);
            allButHttpRoutes = all;
        }
        return all;
    }

    public List<GatewayClass> gatewayClasses() {
        return view(GATEWAY_CLASSES);
    }

    public List<Gateway> gateways() {
        return view(GATEWAYS);
    }

    public List<HTTPRoute> httpRoutes() {
        return view(HTTP_ROUTES);
    }

    public List<ReferenceGrant> referenceGrants() {
        return view(REFERENCE_GRANTS);
    }

    /** All BackendTLSPolicies, whatever version they were written in, as v1 objects. */
    public List<BackendTLSPolicy> backendTlsPolicies() {
        return view(BACKEND_TLS_POLICIES);
    }

    public List<Namespace> namespaces() {
        return view(NAMESPACES);
    }

    public List<Service> services() {
        return view(SERVICES);
    }

    public List<EndpointSlice> endpointSlices() {
        return view(ENDPOINT_SLICES);
    }

    public List<ConfigMap> configMaps() {
        return view(CONFIG_MAPS);
    }

    public List<Secret> secrets() {
        return view(SECRETS);
    }

    public List<GenericObject> customResourceDefinitions() {
        return view(CRDS);
    }

    /** Instances of kinds without a Java type: third-party policies, Portolan's TimeoutPolicy, anything else. */
    public List<GenericObject> otherObjects() {
        return view(OTHERS);
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> view(int list) {
        return (List<T>) views[list];
    }
}
