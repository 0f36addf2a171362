package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A policy of one kind as seen at some point of the hierarchy: one policy object, or several merged by
 * {@link PolicyMerger}. Tracks, per top-level key of each spec section, which policy wrote it.
 *
 * @param groupKind   {@code Kind.group}
 * @param inheritable whether the kind is inheritable (spec.default / spec.override)
 * @param key         identity of the policy whose metadata the object keeps (the most specific / winning one)
 * @param object      the merged object tree (gwctl keeps it whole: metadata, spec, even targetRef)
 * @param sources     writer of each top-level key, keyed {@code default.<key>}, {@code override.<key>} or
 *                    {@code spec.<key>} (direct kinds)
 */
public record MergedPolicy(String groupKind, boolean inheritable, ResourceKey key, ObjectNode object,
                           Map<String, PolicySource> sources) {
    static final String DEFAULT = "default";
    static final String OVERRIDE = "override";
    static final String SPEC = "spec";

    public MergedPolicy {
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
    }

    /** A single policy attached at {@code level} to {@code target}. */
    public static MergedPolicy of(Policy policy, PolicyLevel level, ResourceKey target) {
        PolicySource source = new PolicySource(policy.key(), level, target);
        SortedMap<String, PolicySource> sources = new TreeMap<>();
        JsonNode spec = policy.manifest().path("spec");
        if (policy.inheritable()) {
            for (String section : List.of(DEFAULT, OVERRIDE)) {
                spec.path(section).fieldNames().forEachRemaining(k -> sources.put(section + "." + k, source));
            }
        } else {
            spec.fieldNames().forEachRemaining(k -> {
                if (!isTargetField(k)) {
                    sources.put(SPEC + "." + k, source);
                }
            });
        }
        return new MergedPolicy(policy.groupKind(), policy.inheritable(), policy.key(), policy.manifest(), sources);
    }

    static boolean isTargetField(String specKey) {
        return specKey.equals("targetRef") || specKey.equals("targetRefs");
    }

    public String name() {
        return object.path("metadata").path("name").asText("");
    }

    public Instant creationTimestamp() {
        return Timestamps.parseOrEpoch(object.path("metadata").path("creationTimestamp").asText(null));
    }

    public JsonNode spec() {
        return object.path("spec");
    }

    /**
     * The value gwctl displays: inheritable kinds show spec.default merge-patched with spec.override (override
     * wins); direct kinds show spec without targetRef/targetRefs.
     */
    public ObjectNode effectiveSpec() {
        JsonNode spec = spec();
        if (inheritable) {
            JsonNode merged = JsonMergePatch.apply(spec.path(DEFAULT).isObject() ? spec.path(DEFAULT) : null,
                    spec.path(OVERRIDE));
            return merged != null && merged.isObject() ? sortedKeys(merged) : JsonNodeFactory.instance.objectNode();
        }
        ObjectNode copy = spec.isObject() ? sortedKeys(spec) : JsonNodeFactory.instance.objectNode();
        copy.remove(List.of("targetRef", "targetRefs"));
        return copy;
    }

    /** Deep copy with object keys in alphabetical order, so displayed values are deterministic. */
    static ObjectNode sortedKeys(JsonNode node) {
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        Collections.sort(keys);
        for (String k : keys) {
            JsonNode value = node.get(k);
            sorted.set(k, value.isObject() ? sortedKeys(value) : value.deepCopy());
        }
        return sorted;
    }

    /** Each key of {@link #effectiveSpec()} with the policy, level and section that set it, sorted by key. */
    public SortedMap<String, EffectiveValue> effectiveValues() {
        SortedMap<String, EffectiveValue> values = new TreeMap<>();
        ObjectNode display = effectiveSpec();
        List<String> keys = new ArrayList<>();
        display.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            boolean override = inheritable && spec().path(OVERRIDE).has(k);
            String section = !inheritable ? SPEC : override ? OVERRIDE : DEFAULT;
            PolicySource source = sources.get(section + "." + k);
            values.put(k, new EffectiveValue(display.get(k),
                    source == null ? key : source.policy(),
                    source == null ? null : source.level(),
                    source == null ? null : source.target(),
                    override));
        }
        return values;
    }
}
