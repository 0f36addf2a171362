package dev.portolan.graph;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.LayeredMap;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spec references between objects, worked out once per snapshot so that the API, the dashboard, the dry-run
 * analysis and the policy engine read one answer: what each object names (whether or not that object exists), what
 * names it, and the ReferenceGrants that admit a cross-namespace reference (GEP-709, by {@link ReferenceGrants}).
 * Pure and immutable.
 */
public final class ReferenceIndex {
    /** The spec fields the index follows. */
    public enum Field {
        /** Gateway {@code spec.gatewayClassName} to its GatewayClass. */
        GATEWAY_CLASS("spec.gatewayClassName"),
        /** HTTPRoute {@code spec.parentRefs} of kind Gateway. */
        PARENT("spec.parentRefs"),
        /** HTTPRoute {@code spec.rules[].backendRefs} of kind Service (not mirror filters). */
        BACKEND("spec.rules[].backendRefs"),
        /** HTTPRoute {@code spec.rules[].filters[].requestMirror.backendRef} of kind Service. */
        MIRROR("spec.rules[].filters");

        private final String path;

        Field(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** One reference: {@code from}'s {@code field} names {@code to}. */
    public record Reference(ResourceKey from, Field field, ResourceKey to) implements Comparable<Reference> {
        public boolean crossNamespace() {
            return !to.isClusterScoped() && !from.namespace().equals(to.namespace());
        }

        @Override
        public int compareTo(Reference other) {
            int byFrom = from.compareTo(other.from);
            if (byFrom != 0) {
                return byFrom;
            }
            int byField = field.compareTo(other.field);
            return byField != 0 ? byField : to.compareTo(other.to);
        }
    }

    public static final ReferenceIndex EMPTY = new ReferenceIndex(LayeredMap.empty(), Map.of());
    private static final SortedSet<ResourceKey> NONE = Collections.unmodifiableSortedSet(new TreeSet<>());

    /**
     * What one object names: its references sorted (by field, then target), where each is written, and for each
     * cross-namespace one the grants admitting it (null for the others, which need none).
     */
    private record From(List<Reference> references, List<SortedSet<String>> locations,
                        List<SortedSet<ResourceKey>> admitting, SortedSet<ResourceKey>[] targetsByField) {
        int indexOf(Reference reference) {
            for (int i = 0; i < references.size(); i++) {
                if (references.get(i).equals(reference)) {
                    return i;
                }
            }
            return -1;
        }

        /** What the field names, laid out once: the policy engine asks for every route's parents on each change. */
        SortedSet<ResourceKey> targets(Field field) {
            SortedSet<ResourceKey> targets = targetsByField[field.ordinal()];
            return targets == null ? NONE : targets;
        }
    }

    /** The index proper, by referring object: what a change to one object patches. */
    private final LayeredMap<ResourceKey, From> byFrom;
    private final Map<String, List<ReferenceGrant>> grantsByNamespace;
    /** Laid out from {@link #byFrom} on first use (the API's reads, not the snapshot thread's). */
    private volatile Derived derived;

    private record Derived(SortedSet<Reference> all, Map<ResourceKey, List<Reference>> byTo) {
    }

    private ReferenceIndex(LayeredMap<ResourceKey, From> byFrom, Map<String, List<ReferenceGrant>> grantsByNamespace) {
        this.byFrom = byFrom;
        this.grantsByNamespace = grantsByNamespace;
    }

    public static ReferenceIndex of(ResourceSet resources) {
        Map<String, List<ReferenceGrant>> grants = grantsByNamespace(resources);
        Map<ResourceKey, SortedMap<Reference, SortedSet<String>>> found = new HashMap<>();
        for (Gateway gateway : resources.gateways()) {
            ResourceKey from = key(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, gateway.getMetadata().getNamespace(),
                    gateway.getMetadata().getName());
            gatewayReferences(gateway, from, found.computeIfAbsent(from, k -> new TreeMap<>()));
        }
        for (HTTPRoute route : resources.httpRoutes()) {
            ResourceKey from = key(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, route.getMetadata().getNamespace(),
                    route.getMetadata().getName());
            routeReferences(route, from, found.computeIfAbsent(from, k -> new TreeMap<>()));
        }
        Map<ResourceKey, From> byFrom = new HashMap<>(found.size() * 4 / 3 + 1);
        for (Map.Entry<ResourceKey, SortedMap<Reference, SortedSet<String>>> entry : found.entrySet()) {
            putFrom(byFrom, entry.getKey(), entry.getValue(), grants);
        }
        return new ReferenceIndex(LayeredMap.of(byFrom), grants);
    }

    /**
     * This index with the objects {@code changes} lists read again from {@code resources} (their old references
     * taken out, their new ones put in): the same as {@link #of} over {@code resources} when this index was built
     * over the set they were patched from. A change to a ReferenceGrant builds it all again (every admission may
     * change with it).
     */
    public ReferenceIndex patched(ResourceSet resources, ResourceChanges changes) {
        if (changes.isEmpty()) {
            return this;
        }
        for (ResourceKey key : changes.keys()) {
            if (key.kind().equals(ApiGroups.REFERENCE_GRANT) && key.group().equals(ApiGroups.GATEWAY)) {
                return of(resources);
            }
        }
        LayeredMap.Builder<ResourceKey, From> patched = byFrom.toBuilder();
        for (ResourceKey key : changes.keys()) {
            boolean gateway = key.kind().equals(ApiGroups.GATEWAY_KIND);
            if (!key.group().equals(ApiGroups.GATEWAY) || !gateway && !key.kind().equals(ApiGroups.HTTP_ROUTE)) {
                continue;
            }
            ResourceKey from = key(key.group(), key.kind(), key.namespace(), key.name());
            patched.remove(from);
            SortedMap<Reference, SortedSet<String>> found = new TreeMap<>();
            Object now = resources.get(key).orElse(null);
            if (gateway && now instanceof Gateway g) {
                gatewayReferences(g, from, found);
            } else if (!gateway && now instanceof HTTPRoute route) {
                routeReferences(route, from, found);
            }
            if (!found.isEmpty()) {
                patched.put(from, from(found, grantsByNamespace));
            }
        }
        LayeredMap<ResourceKey, From> next = patched.build();
        return next == byFrom ? this : new ReferenceIndex(next, grantsByNamespace);
    }

    private static Map<String, List<ReferenceGrant>> grantsByNamespace(ResourceSet resources) {
        Map<String, List<ReferenceGrant>> grants = new HashMap<>();
        for (ReferenceGrant grant : resources.referenceGrants()) {
            grants.computeIfAbsent(grant.getMetadata().getNamespace(), k -> new ArrayList<>()).add(grant);
        }
        return grants;
    }

    private static void putFrom(Map<ResourceKey, From> byFrom, ResourceKey from,
                                SortedMap<Reference, SortedSet<String>> found,
                                Map<String, List<ReferenceGrant>> grants) {
        if (!found.isEmpty()) {
            byFrom.put(from, from(found, grants));
        }
    }

    private static From from(SortedMap<Reference, SortedSet<String>> found, Map<String, List<ReferenceGrant>> grants) {
        List<Reference> references = new ArrayList<>(found.size());
        List<SortedSet<String>> locations = new ArrayList<>(found.size());
        List<SortedSet<ResourceKey>> admitting = new ArrayList<>(found.size());
        for (Map.Entry<Reference, SortedSet<String>> entry : found.entrySet()) {
            Reference reference = entry.getKey();
            references.add(reference);
            locations.add(Collections.unmodifiableSortedSet(entry.getValue()));
            admitting.add(reference.crossNamespace() ? admitting(reference, grants) : null);
        }
        @SuppressWarnings("unchecked")
        SortedSet<ResourceKey>[] targets = new SortedSet[Field.values().length];
        for (Field field : Field.values()) {
            List<ResourceKey> named = new ArrayList<>(2);
            for (Reference reference : references) {
                if (reference.field() == field) {
                    named.add(reference.to());
                }
            }
            if (!named.isEmpty()) {
                targets[field.ordinal()] = SortedKeys.of(named);
            }
        }
        return new From(Collections.unmodifiableList(references), locations, admitting, targets);
    }

    private static SortedSet<ResourceKey> admitting(Reference reference, Map<String, List<ReferenceGrant>> grants) {
        SortedSet<ResourceKey> admits = new TreeSet<>();
        for (ReferenceGrant grant : grants.getOrDefault(reference.to().namespace(), List.of())) {
            if (ReferenceGrants.admits(grant, reference.from(), reference.to())) {
                admits.add(keyOf(grant));
            }
        }
        return Collections.unmodifiableSortedSet(admits);
    }

    private static void gatewayReferences(Gateway gateway, ResourceKey from,
                                          SortedMap<Reference, SortedSet<String>> references) {
        if (gateway.getSpec() != null && gateway.getSpec().getGatewayClassName() != null) {
            add(references, new Reference(from, Field.GATEWAY_CLASS, ResourceKey.of(ApiGroups.GATEWAY,
                    ApiGroups.GATEWAY_CLASS, "", gateway.getSpec().getGatewayClassName())), Field.GATEWAY_CLASS.path());
        }
    }

    private static void routeReferences(HTTPRoute route, ResourceKey from,
                                        SortedMap<Reference, SortedSet<String>> references) {
        if (route.getSpec() == null) {
            return;
        }
        for (ParentReference ref : nonNull(route.getSpec().getParentRefs())) {
            if (isKind(ref.getGroup(), ref.getKind(), ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND)
                    && ref.getName() != null) {
                add(references, new Reference(from, Field.PARENT, key(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND,
                        orDefault(ref.getNamespace(), from.namespace()), ref.getName())), Field.PARENT.path());
            }
        }
        List<HTTPRouteRule> rules = nonNull(route.getSpec().getRules());
        for (int i = 0; i < rules.size(); i++) {
            for (HTTPBackendRef ref : nonNull(rules.get(i).getBackendRefs())) {
                service(references, from, Field.BACKEND, ref.getGroup(), ref.getKind(), ref.getNamespace(),
                        ref.getName(), "spec.rules[" + i + "].backendRefs");
            }
            for (HTTPRouteFilter filter : nonNull(rules.get(i).getFilters())) {
                BackendObjectReference mirror = filter.getRequestMirror() == null ? null
                        : filter.getRequestMirror().getBackendRef();
                if (mirror != null) {
                    service(references, from, Field.MIRROR, mirror.getGroup(), mirror.getKind(),
                            mirror.getNamespace(), mirror.getName(), "spec.rules[" + i + "].filters");
                }
            }
        }
    }

    private static void service(SortedMap<Reference, SortedSet<String>> references, ResourceKey from, Field field,
                                String group, String kind, String namespace, String name, String location) {
        if (isKind(group, kind, ApiGroups.CORE, ApiGroups.SERVICE) && name != null) {
            add(references, new Reference(from, field, key(ApiGroups.CORE, ApiGroups.SERVICE,
                    orDefault(namespace, from.namespace()), name)), location);
        }
    }

    private static void add(SortedMap<Reference, SortedSet<String>> references, Reference reference,
                            String location) {
        references.computeIfAbsent(reference, k -> new TreeSet<>()).add(location);
    }

    /** Every reference, sorted by from, field, to. */
    public SortedSet<Reference> all() {
        return derived().all();
    }

    /** Where in {@code reference.from()} the reference is written, e.g. {@code spec.rules[0].backendRefs}, sorted. */
    public SortedSet<String> locations(Reference reference) {
        From from = byFrom.get(reference.from());
        int at = from == null ? -1 : from.indexOf(reference);
        return at < 0 ? Collections.emptySortedSet() : from.locations().get(at);
    }

    /** The references {@code from} makes, sorted by field and target. */
    public List<Reference> referencesFrom(ResourceKey from) {
        From found = byFrom.get(from);
        return found == null ? List.of() : found.references();
    }

    /** The references made to {@code to}, sorted by referring object and field. */
    public List<Reference> referencesTo(ResourceKey to) {
        return derived().byTo().getOrDefault(to, List.of());
    }

    /** What {@code from}'s {@code field} names, sorted; named objects may not exist. */
    public SortedSet<ResourceKey> referencedBy(ResourceKey from, Field field) {
        From found = byFrom.get(from);
        return found == null ? NONE : found.targets(field);
    }

    /** The objects whose {@code field} names {@code to}, sorted. */
    public SortedSet<ResourceKey> referrersOf(ResourceKey to, Field field) {
        return collect(derived().byTo().get(to), field, false);
    }

    /**
     * The ReferenceGrants admitting {@code from}'s reference to {@code to} when it crosses namespaces; empty when no
     * grant does, when it does not cross namespaces (no grant is needed) or when there is no such reference.
     */
    public SortedSet<ResourceKey> grantsAdmitting(ResourceKey from, Field field, ResourceKey to) {
        From found = byFrom.get(from);
        int at = found == null ? -1 : found.indexOf(new Reference(from, field, to));
        SortedSet<ResourceKey> admitting = at < 0 ? null : found.admitting().get(at);
        return admitting == null ? NONE : admitting;
    }

    private Derived derived() {
        Derived laidOut = derived;
        if (laidOut == null) {
            SortedSet<Reference> all = new TreeSet<>();
            byFrom.forEach((key, from) -> all.addAll(from.references()));
            Map<ResourceKey, List<Reference>> byTo = new HashMap<>();
            for (Reference reference : all) {
                byTo.computeIfAbsent(reference.to(), k -> new ArrayList<>()).add(reference);
            }
            laidOut = new Derived(Collections.unmodifiableSortedSet(all), byTo);
            derived = laidOut;
        }
        return laidOut;
    }

    /** The ReferenceGrants in {@code target}'s namespace whose {@code to} names it (by name or for its whole kind). */
    public SortedSet<ResourceKey> grantsTo(ResourceKey target) {
        SortedSet<ResourceKey> out = new TreeSet<>();
        for (ReferenceGrant grant : grantsByNamespace.getOrDefault(target.namespace(), List.of())) {
            if (ReferenceGrants.namesTarget(grant, target)) {
                out.add(keyOf(grant));
            }
        }
        return out;
    }

    private static SortedSet<ResourceKey> collect(List<Reference> found, Field field, boolean targets) {
        if (found == null) {
            return NONE;
        }
        SortedSet<ResourceKey> out = new TreeSet<>();
        for (Reference reference : found) {
            if (reference.field() == field) {
                out.add(targets ? reference.to() : reference.from());
            }
        }
        return out;
    }

    private static ResourceKey keyOf(ReferenceGrant grant) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.REFERENCE_GRANT, grant.getMetadata().getNamespace(),
                grant.getMetadata().getName());
    }

    /** Objects without a namespace are filed under {@code default}, as the store does. */
    private static ResourceKey key(String group, String kind, String namespace, String name) {
        return ResourceKey.of(group, kind, namespace == null || namespace.isEmpty() ? "default" : namespace, name);
    }

    private static boolean isKind(String group, String kind, String wantedGroup, String wantedKind) {
        return (group == null ? wantedGroup : group).equals(wantedGroup)
                && (kind == null ? wantedKind : kind).equals(wantedKind);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
