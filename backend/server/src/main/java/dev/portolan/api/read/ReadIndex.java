package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.graph.ReferenceIndex.Field;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyCrd;
import dev.portolan.policy.PolicyInfo;
import dev.portolan.policy.PolicyTarget;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TargetStatus;
import dev.portolan.pipeline.ConditionTimes;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.store.StoredObject;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
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
 * spec references between them (read from the graph's {@link ReferenceIndex}), policies by target, timeouts by route.
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
    private final Map<ResourceKey, List<EffectiveRuleTimeouts>> timeoutsByRoute = new HashMap<>();

    private ReadIndex(ControlPlaneSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public static ReadIndex of(ControlPlaneSnapshot snapshot) {
        ReadIndex index = new ReadIndex(snapshot);
        index.indexObjects();
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

    /** What each policy affects and what affects each object; laid out once per snapshot, on first use. */
    private volatile PolicyReach policyReach;

    PolicyReach policyReach() {
        PolicyReach reach = policyReach;
        if (reach == null) {
            synchronized (this) {
                reach = policyReach;
                if (reach == null) {
                    reach = new PolicyReach(this);
                    policyReach = reach;
                }
            }
        }
        return reach;
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

    /** The snapshot's spec references and the ReferenceGrants admitting them, as the graph worked them out. */
    public ReferenceIndex references() {
        return snapshot.computed().graph().references();
    }

    public SortedSet<ResourceKey> gatewaysOfRoute(ResourceKey route) {
        return references().referencedBy(route, Field.PARENT);
    }

    public SortedSet<ResourceKey> routesOfGateway(ResourceKey gateway) {
        return references().referrersOf(gateway, Field.PARENT);
    }

    public SortedSet<ResourceKey> servicesOfRoute(ResourceKey route) {
        return references().referencedBy(route, Field.BACKEND);
    }

    public SortedSet<ResourceKey> routesOfService(ResourceKey service) {
        return references().referrersOf(service, Field.BACKEND);
    }

    public SortedSet<ResourceKey> gatewaysOfClass(ResourceKey gatewayClass) {
        return references().referrersOf(gatewayClass, Field.GATEWAY_CLASS);
    }

    /** The GatewayClass a Gateway names, if it names one. */
    public Optional<ResourceKey> classOfGateway(ResourceKey gateway) {
        return references().referencedBy(gateway, Field.GATEWAY_CLASS).stream()
                .filter(c -> !c.name().isEmpty()).findFirst();
    }

    /** The ReferenceGrants admitting an HTTPRoute's backendRef to a Service in another namespace. */
    public SortedSet<ResourceKey> grantsForBackend(ResourceKey route, ResourceKey service) {
        return references().grantsAdmitting(route, Field.BACKEND, service);
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

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
