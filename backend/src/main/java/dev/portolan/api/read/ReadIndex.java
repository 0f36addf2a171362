package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyCrd;
import dev.portolan.policy.PolicyInfo;
import dev.portolan.policy.PolicyTarget;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TargetStatus;
import dev.portolan.snapshot.ConditionTimes;
import dev.portolan.snapshot.ControlPlaneSnapshot;
import dev.portolan.store.StoredObject;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lookups the read API needs, derived once per snapshot (never on a request): objects per kind in list order, the
 * spec references between them in both directions, policies by target, timeouts by route.
 */
public final class ReadIndex {
    static final String SEPARATOR = "\u0001";

    /** One listable object: identity, list order, the stored object (null for namespaces nobody declared). */
    public record Entry(ResourceKey key, String sortKey, StoredObject stored, Map<String, String> labels) {
    }

    private final ControlPlaneSnapshot snapshot;
    private final Map<ApiKinds, List<Entry>> byKind = new EnumMap<>(ApiKinds.class);
    private final Map<ResourceKey, Entry> entries = new HashMap<>();
    private final List<PolicyEntry> policies = new ArrayList<>();
    private final Map<String, PolicyEntry> policiesByPath = new HashMap<>();
    private final Map<ResourceKey, List<PolicyEntry>> policiesByTarget = new HashMap<>();
    private final Map<String, PolicyCrd> policyCrdsByName = new LinkedHashMap<>();
    private final Map<ResourceKey, SortedSet<ResourceKey>> gatewaysOfRoute = new HashMap<>();
    private final Map<ResourceKey, SortedSet<ResourceKey>> routesOfGateway = new HashMap<>();
    private final Map<ResourceKey, SortedSet<ResourceKey>> servicesOfRoute = new HashMap<>();
    private final Map<ResourceKey, SortedSet<ResourceKey>> routesOfService = new HashMap<>();
    private final Map<ResourceKey, SortedSet<ResourceKey>> gatewaysOfClass = new HashMap<>();
    private final Map<ResourceKey, List<EffectiveRuleTimeouts>> timeoutsByRoute = new HashMap<>();

    private ReadIndex(ControlPlaneSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public static ReadIndex of(ControlPlaneSnapshot snapshot) {
        ReadIndex index = new ReadIndex(snapshot);
        index.indexObjects();
        index.indexReferences();
        index.indexPolicies();
        snapshot.computed().policies().timeouts().forEach(timeouts ->
                index.timeoutsByRoute.computeIfAbsent(timeouts.route(), k -> new ArrayList<>()).add(timeouts));
        return index;
    }

    static String sortKey(String namespace, String name) {
        return namespace + SEPARATOR + name;
    }

    private void indexObjects() {
        SortedSet<String> namespaces = new TreeSet<>();
        for (StoredObject stored : snapshot.store().byKey().values()) {
            ResourceKey key = stored.key();
            if (!key.namespace().isEmpty()) {
                namespaces.add(key.namespace());
            }
            ApiKinds.of(key).ifPresent(kind -> add(kind, new Entry(key, sortKey(key.namespace(), key.name()),
                    stored, labelsOf(stored.manifest()))));
        }
        for (String namespace : namespaces) {
            ResourceKey key = ApiKinds.NAMESPACES.key("", namespace);
            if (!entries.containsKey(key)) {
                add(ApiKinds.NAMESPACES, new Entry(key, sortKey("", namespace), null, Map.of()));
            }
        }
        byKind.values().forEach(list -> list.sort(Comparator.comparing(Entry::sortKey)));
    }

    private void add(ApiKinds kind, Entry entry) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(entry);
        entries.put(entry.key(), entry);
    }

    private void indexReferences() {
        for (Gateway gateway : snapshot.resources().gateways()) {
            if (gateway.getSpec() != null && gateway.getSpec().getGatewayClassName() != null) {
                link(gatewaysOfClass, ApiKinds.GATEWAY_CLASSES.key("", gateway.getSpec().getGatewayClassName()),
                        keyOf(ApiKinds.GATEWAYS, gateway.getMetadata().getNamespace(), gateway.getMetadata().getName()));
            }
        }
        for (HTTPRoute route : snapshot.resources().httpRoutes()) {
            ResourceKey key = keyOf(ApiKinds.HTTP_ROUTES, route.getMetadata().getNamespace(),
                    route.getMetadata().getName());
            if (route.getSpec() == null) {
                continue;
            }
            for (ParentReference ref : nonNull(route.getSpec().getParentRefs())) {
                if (isKind(ref.getGroup(), ref.getKind(), ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND)
                        && ref.getName() != null) {
                    ResourceKey gateway = keyOf(ApiKinds.GATEWAYS, orDefault(ref.getNamespace(), key.namespace()),
                            ref.getName());
                    link(gatewaysOfRoute, key, gateway);
                    link(routesOfGateway, gateway, key);
                }
            }
            for (HTTPRouteRule rule : nonNull(route.getSpec().getRules())) {
                for (HTTPBackendRef ref : nonNull(rule.getBackendRefs())) {
                    if (isKind(ref.getGroup(), ref.getKind(), ApiGroups.CORE, ApiGroups.SERVICE)
                            && ref.getName() != null) {
                        ResourceKey service = keyOf(ApiKinds.BACKENDS, orDefault(ref.getNamespace(), key.namespace()),
                                ref.getName());
                        link(servicesOfRoute, key, service);
                        link(routesOfService, service, key);
                    }
                }
            }
        }
    }

    private void indexPolicies() {
        snapshot.computed().policies().policyCrds().forEach(crd -> policyCrdsByName.put(crd.name(), crd));
        for (PolicyInfo info : snapshot.computed().policies().policies()) {
            addPolicy(new PolicyEntry(info.policy(), info.groupKind(), info.inheritable(), info.targets(),
                    storedPolicy(info.policy())));
        }
        for (BackendTLSPolicy policy : snapshot.resources().backendTlsPolicies()) {
            String namespace = policy.getMetadata().getNamespace();
            ResourceKey key = keyOf(ApiKinds.BACKEND_TLS_POLICIES, namespace, policy.getMetadata().getName());
            List<TargetStatus> targets = new ArrayList<>();
            List<LocalPolicyTargetReferenceWithSectionName> refs = policy.getSpec() == null ? List.of()
                    : nonNull(policy.getSpec().getTargetRefs());
            for (LocalPolicyTargetReferenceWithSectionName ref : refs) {
                PolicyTarget target = new PolicyTarget(orDefault(ref.getGroup(), ""), orDefault(ref.getKind(), ""),
                        namespace, orDefault(ref.getName(), ""));
                targets.add(new TargetStatus(target, entries.containsKey(target.key())));
            }
            if (!policiesByPath.containsKey(key.groupKind() + "/" + key.namespacedName())) {
                addPolicy(new PolicyEntry(key, key.groupKind(), false, targets, storedPolicy(key)));
            }
        }
        policies.sort(Comparator.comparing(PolicyEntry::sortKey));
    }

    private void addPolicy(PolicyEntry policy) {
        policies.add(policy);
        policiesByPath.put(policy.groupKind() + "/" + policy.key().namespacedName(), policy);
        policy.targets().stream().map(t -> t.target().key()).distinct().forEach(target ->
                policiesByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(policy));
    }

    /** The store files objects of cluster-scoped policy kinds under {@code default}; look there too. */
    private StoredObject storedPolicy(ResourceKey key) {
        StoredObject stored = snapshot.store().byKey().get(key);
        if (stored == null && key.namespace().isEmpty()) {
            stored = snapshot.store().byKey().get(ResourceKey.of(key.group(), key.kind(), "default", key.name()));
        }
        return stored;
    }

    public ControlPlaneSnapshot snapshot() {
        return snapshot;
    }

    public List<Entry> entries(ApiKinds kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    public Optional<Entry> entry(ResourceKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean exists(ResourceKey key) {
        return entries.containsKey(key) || snapshot.store().byKey().containsKey(key);
    }

    public List<PolicyEntry> policies() {
        return policies;
    }

    /** By {@code Kind.group} and {@code namespace/name} (or {@code name} for cluster-scoped kinds). */
    public Optional<PolicyEntry> policy(String groupKind, String namespacedName) {
        return Optional.ofNullable(policiesByPath.get(groupKind + "/" + namespacedName));
    }

    public List<PolicyEntry> policiesTargeting(ResourceKey target) {
        return policiesByTarget.getOrDefault(target, List.of());
    }

    public List<PolicyCrd> policyCrds() {
        return List.copyOf(policyCrdsByName.values());
    }

    public SortedSet<ResourceKey> gatewaysOfRoute(ResourceKey route) {
        return gatewaysOfRoute.getOrDefault(route, EMPTY);
    }

    public SortedSet<ResourceKey> routesOfGateway(ResourceKey gateway) {
        return routesOfGateway.getOrDefault(gateway, EMPTY);
    }

    public SortedSet<ResourceKey> servicesOfRoute(ResourceKey route) {
        return servicesOfRoute.getOrDefault(route, EMPTY);
    }

    public SortedSet<ResourceKey> routesOfService(ResourceKey service) {
        return routesOfService.getOrDefault(service, EMPTY);
    }

    public SortedSet<ResourceKey> gatewaysOfClass(ResourceKey gatewayClass) {
        return gatewaysOfClass.getOrDefault(gatewayClass, EMPTY);
    }

    public List<EffectiveRuleTimeouts> timeouts(ResourceKey route) {
        return timeoutsByRoute.getOrDefault(route, List.of());
    }

    /**
     * The object's status as of this snapshot: what Portolan computed (with the stored transition times), else
     * what the store holds; empty when neither has one.
     */
    public ObjectNode status(ResourceKey key) {
        StoredObject stored = snapshot.store().byKey().get(key);
        ObjectNode computed = snapshot.computed().statuses().get(key);
        if (computed != null) {
            ObjectNode copy = computed.deepCopy();
            ConditionTimes.carryOver(stored == null ? null : stored.status(), copy);
            return copy;
        }
        return stored == null || stored.status() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode() : stored.status().deepCopy();
    }

    /** The status without copying, for summaries (read-only). */
    JsonNode statusView(ResourceKey key) {
        ObjectNode computed = snapshot.computed().statuses().get(key);
        if (computed != null) {
            return computed;
        }
        StoredObject stored = snapshot.store().byKey().get(key);
        return stored == null || stored.status() == null ? com.fasterxml.jackson.databind.node.MissingNode
                .getInstance() : stored.status();
    }

    private static final SortedSet<ResourceKey> EMPTY = java.util.Collections.unmodifiableSortedSet(new TreeSet<>());

    private static void link(Map<ResourceKey, SortedSet<ResourceKey>> map, ResourceKey from, ResourceKey to) {
        map.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    }

    static Map<String, String> labelsOf(JsonNode manifest) {
        JsonNode labels = manifest.path("metadata").path("labels");
        if (!labels.isObject() || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        labels.fields().forEachRemaining(field -> out.put(field.getKey(), field.getValue().asText()));
        return out;
    }

    static ResourceKey keyOf(ApiKinds kind, String namespace, String name) {
        return kind.key(namespace == null || namespace.isEmpty() ? "default" : namespace, name);
    }

    private static boolean isKind(String group, String kind, String wantedGroup, String wantedKind) {
        String actualGroup = group == null ? wantedGroup : group;
        String actualKind = kind == null ? wantedKind : kind;
        return actualGroup.equals(wantedGroup) && actualKind.equals(wantedKind);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
