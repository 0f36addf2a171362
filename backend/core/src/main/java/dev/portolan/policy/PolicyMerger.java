package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** gwctl's policy merge functions (GEP-713): parent/child along the hierarchy, and several on one level. */
public final class PolicyMerger {
    /** Precedence on one level: older creationTimestamp first, then the smaller namespace/name. */
    public static final Comparator<MergedPolicy> PRECEDENCE = Comparator
            .comparing(MergedPolicy::creationTimestamp)
            .thenComparing(p -> p.key().namespacedName());

    private PolicyMerger() {
    }

    /**
     * {@code mergePolicy(parent, child)}: the child's whole object merge-patched over the parent's, then, when the
     * parent is inheritable, the parent's spec.override patched on top again. Defaults: child wins; overrides: parent
     * wins. The result keeps the child's identity.
     *
     * @throws IllegalArgumentException when the two are of different kinds
     */
    public static MergedPolicy merge(MergedPolicy parent, MergedPolicy child) {
        if (!parent.groupKind().equals(child.groupKind())) {
            throw new IllegalArgumentException("cannot merge policy " + parent.key() + " of kind "
                    + parent.groupKind() + " with " + child.key() + " of kind " + child.groupKind());
        }
        ObjectNode result = asObject(JsonMergePatch.apply(parent.object(), child.object()));
        TreeMap<String, PolicySource> sources = new TreeMap<>(parent.sources());
        sources.putAll(child.sources());
        JsonNode parentOverride = parent.spec().path(MergedPolicy.OVERRIDE);
        if (parent.inheritable() && parentOverride.isObject()) {
            ObjectNode spec = result.path("spec").isObject() ? (ObjectNode) result.get("spec")
                    : result.putObject("spec");
            spec.set(MergedPolicy.OVERRIDE, JsonMergePatch.apply(spec.get(MergedPolicy.OVERRIDE), parentOverride));
            parent.sources().forEach((k, v) -> {
                if (k.startsWith(MergedPolicy.OVERRIDE + ".")) {
                    sources.put(k, v);
                }
            });
        }
        JsonNode spec = result.path("spec");
        sources.keySet().removeIf(k -> !specHas(spec, k));
        return new MergedPolicy(child.groupKind(), child.inheritable(), child.key(), result, sources);
    }

    /**
     * Merges several policies attached to one object, per kind: the lowest-precedence one is the first parent, each
     * higher one merges over the result as child, so the winner's defaults and the losers' overrides count.
     */
    public static SortedMap<String, MergedPolicy> mergeSameLevel(List<MergedPolicy> policies) {
        Map<String, List<MergedPolicy>> byKind = new LinkedHashMap<>();
        for (MergedPolicy policy : policies) {
            byKind.computeIfAbsent(policy.groupKind(), k -> new ArrayList<>()).add(policy);
        }
        SortedMap<String, MergedPolicy> merged = new TreeMap<>();
        byKind.forEach((kind, list) -> {
            List<MergedPolicy> sorted = new ArrayList<>(list);
            sorted.sort(PRECEDENCE);
            MergedPolicy result = sorted.get(sorted.size() - 1);
            for (int i = sorted.size() - 2; i >= 0; i--) {
                result = merge(result, sorted.get(i));
            }
            merged.put(kind, result);
        });
        return merged;
    }

    /** Parent/child merge per kind; kinds present on one side only pass through unchanged. */
    public static SortedMap<String, MergedPolicy> mergeHierarchy(Map<String, MergedPolicy> parent,
                                                                 Map<String, MergedPolicy> child) {
        SortedMap<String, MergedPolicy> result = new TreeMap<>(parent);
        child.forEach((kind, policy) -> {
            MergedPolicy above = parent.get(kind);
            result.put(kind, above == null ? policy : merge(above, policy));
        });
        return result;
    }

    private static boolean specHas(JsonNode spec, String sourceKey) {
        int dot = sourceKey.indexOf('.');
        String section = sourceKey.substring(0, dot);
        String key = sourceKey.substring(dot + 1);
        JsonNode holder = section.equals(MergedPolicy.SPEC) ? spec : spec.path(section);
        return holder.isObject() && holder.has(key);
    }

    private static ObjectNode asObject(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
    }
}
