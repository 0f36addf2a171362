package dev.portolan.graph;

import dev.portolan.model.ApiGroups;
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

    public static final ReferenceIndex EMPTY = new ReferenceIndex(new TreeMap<>(), Map.of(), Map.of());
    private static final SortedSet<ResourceKey> NONE = Collections.unmodifiableSortedSet(new TreeSet<>());

    private final SortedSet<Reference> references;
    private final Map<Reference, SortedSet<String>> locations;
    private final Map<ResourceKey, List<Reference>> byFrom = new HashMap<>();
    private final Map<ResourceKey, List<Reference>> byTo = new HashMap<>();
    private final Map<Reference, SortedSet<ResourceKey>> grantsAdmitting;
    private final Map<String, List<ReferenceGrant>> grantsByNamespace;

    private ReferenceIndex(SortedMap<Reference, SortedSet<String>> locations,
                           Map<Reference, SortedSet<ResourceKey>> grantsAdmitting,
                           Map<String, List<ReferenceGrant>> grantsByNamespace) {
        this.references = Collections.unmodifiableSortedSet(new TreeSet<>(locations.keySet()));
        this.locations = locations;
        this.grantsAdmitting = grantsAdmitting;
        this.grantsByNamespace = grantsByNamespace;
        for (Reference reference : references) {
            byFrom.computeIfAbsent(reference.from(), k -> new ArrayList<>()).add(reference);
            byTo.computeIfAbsent(reference.to(), k -> new ArrayList<>()).add(reference);
        }
    }

    public static ReferenceIndex of(ResourceSet resources) {
        SortedMap<Reference, SortedSet<String>> references = new TreeMap<>();
        for (Gateway gateway : resources.gateways()) {
            if (gateway.getSpec() != null && gateway.getSpec().getGatewayClassName() != null) {
                add(references, new Reference(key(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND,
                        gateway.getMetadata().getNamespace(), gateway.getMetadata().getName()), Field.GATEWAY_CLASS,
                        ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, "",
                                gateway.getSpec().getGatewayClassName())), Field.GATEWAY_CLASS.path());
            }
        }
        for (HTTPRoute route : resources.httpRoutes()) {
            if (route.getSpec() != null) {
                routeReferences(route, references);
            }
        }
        Map<String, List<ReferenceGrant>> grants = new HashMap<>();
        for (ReferenceGrant grant : resources.referenceGrants()) {
            grants.computeIfAbsent(grant.getMetadata().getNamespace(), k -> new ArrayList<>()).add(grant);
        }
        Map<Reference, SortedSet<ResourceKey>> admitting = new HashMap<>();
        for (Reference reference : references.keySet()) {
            if (reference.crossNamespace()) {
                SortedSet<ResourceKey> admits = new TreeSet<>();
                for (ReferenceGrant grant : grants.getOrDefault(reference.to().namespace(), List.of())) {
                    if (ReferenceGrants.admits(grant, reference.from(), reference.to())) {
                        admits.add(keyOf(grant));
                    }
                }
                admitting.put(reference, Collections.unmodifiableSortedSet(admits));
            }
        }
        return new ReferenceIndex(references, admitting, grants);
    }

    private static void routeReferences(HTTPRoute route, SortedMap<Reference, SortedSet<String>> references) {
        ResourceKey from = key(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, route.getMetadata().getNamespace(),
                route.getMetadata().getName());
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
        return references;
    }

    /** Where in {@code reference.from()} the reference is written, e.g. {@code spec.rules[0].backendRefs}, sorted. */
    public SortedSet<String> locations(Reference reference) {
        SortedSet<String> found = locations.get(reference);
        return found == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(found);
    }

    /** The references {@code from} makes, sorted by field and target. */
    public List<Reference> referencesFrom(ResourceKey from) {
        return byFrom.getOrDefault(from, List.of());
    }

    /** The references made to {@code to}, sorted by referring object and field. */
    public List<Reference> referencesTo(ResourceKey to) {
        return byTo.getOrDefault(to, List.of());
    }

    /** What {@code from}'s {@code field} names, sorted; named objects may not exist. */
    public SortedSet<ResourceKey> referencedBy(ResourceKey from, Field field) {
        return collect(byFrom.get(from), field, true);
    }

    /** The objects whose {@code field} names {@code to}, sorted. */
    public SortedSet<ResourceKey> referrersOf(ResourceKey to, Field field) {
        return collect(byTo.get(to), field, false);
    }

    /**
     * The ReferenceGrants admitting {@code from}'s reference to {@code to} when it crosses namespaces; empty when no
     * grant does, when it does not cross namespaces (no grant is needed) or when there is no such reference.
     */
    public SortedSet<ResourceKey> grantsAdmitting(ResourceKey from, Field field, ResourceKey to) {
        return grantsAdmitting.getOrDefault(new Reference(from, field, to), NONE);
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
