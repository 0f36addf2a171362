package dev.portolan.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The objects of one conformance case, kept in memory with Kubernetes semantics: {@code metadata.generation} starts
 * at 1 and grows on every spec change, {@code creationTimestamp} grows in the order objects are created.
 */
public final class ConformanceObjects {
    private static final Pattern COPY_OF = Pattern.compile("<copy of ConfigMap (\\S+) data\\[\"(.+)\"\\]>");

    private final Map<ResourceKey, ObjectNode> objects = new LinkedHashMap<>();
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    /** Parses multi-document YAML, replacing placeholders first. Empty documents are skipped. */
    public static List<ObjectNode> parseYaml(String yaml, Map<String, String> placeholders) {
        String text = yaml;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace(placeholder.getKey(), placeholder.getValue());
        }
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = Manifests.YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object) {
                    out.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse manifests: " + e.getMessage(), e);
        }
        return out;
    }

    /** The key of a step's {@code object} reference ({@code apiVersion, kind, namespace, name}). */
    public static ResourceKey keyOfReference(JsonNode ref) {
        return ResourceKey.of(ApiGroups.groupOf(ref.path("apiVersion").asText()), ref.path("kind").asText(),
                ref.path("namespace").asText(""), ref.path("name").asText());
    }

    /** Creates or replaces (kubectl apply): a replaced object keeps its creationTimestamp and bumps generation on a spec change. */
    public void apply(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        ResourceKey key = Manifests.keyOf(copy);
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        ObjectNode existing = objects.get(key);
        if (existing == null) {
            clock = clock.plusSeconds(1);
            metadata.put("generation", 1);
            metadata.put("creationTimestamp", clock.toString());
        } else {
            long generation = existing.path("metadata").path("generation").asLong(1);
            boolean specChanged = !Objects.equals(existing.get("spec"), copy.get("spec"));
            metadata.put("generation", specChanged ? generation + 1 : generation);
            metadata.set("creationTimestamp", existing.path("metadata").get("creationTimestamp"));
        }
        objects.put(key, copy);
    }

    /** Applies a JSON Patch to an existing object (generation bumps when the spec changes). */
    public void patch(ResourceKey key, JsonNode operations) {
        ObjectNode patched = require(key).deepCopy();
        JsonPatch.apply(patched, operations);
        apply(patched);
    }

    /**
     * Runs a {@code patch}, {@code apply} or {@code delete} step. Values written as {@code <copy of ConfigMap NAME
     * data["KEY"]>} or {@code <original CA PEM>} (the suite's CA-A) are taken from the objects of the same namespace.
     *
     * @return the generation before the change (for {@code expectGenerationChanged}), or 0 for a new object
     */
    public long applyStep(JsonNode step) {
        ResourceKey key = keyOfReference(step.path("object"));
        long before = contains(key) ? generation(key) : 0;
        switch (step.path("type").asText()) {
            case "patch" -> patch(key, resolvePlaceholders(key.namespace(), step.path("jsonPatch").deepCopy()));
            case "delete" -> delete(key);
            case "apply" -> {
                ObjectNode manifest = JsonNodeFactory.instance.objectNode();
                manifest.put("apiVersion", step.path("object").path("apiVersion").asText());
                manifest.put("kind", key.kind());
                ObjectNode metadata = manifest.putObject("metadata").put("name", key.name());
                if (!key.namespace().isEmpty()) {
                    metadata.put("namespace", key.namespace());
                }
                for (String field : List.of("spec", "data")) {
                    if (step.has(field)) {
                        manifest.set(field, resolvePlaceholders(key.namespace(), step.get(field).deepCopy()));
                    }
                }
                apply(manifest);
            }
            default -> throw new IllegalArgumentException("not a mutation step: " + step.path("type").asText());
        }
        return before;
    }

    private JsonNode resolvePlaceholders(String namespace, JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, resolvePlaceholders(namespace, object.get(name))));
            return object;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolvePlaceholders(namespace, array.get(i)));
            }
            return array;
        }
        if (!node.isTextual()) {
            return node;
        }
        Matcher copy = COPY_OF.matcher(node.asText());
        if (copy.matches()) {
            return configMapValue(namespace, copy.group(1), copy.group(2));
        }
        return node.asText().equals("<original CA PEM>") ? configMapValue(namespace, "tls-checks-ca-certificate", "ca.crt") : node;
    }

    private JsonNode configMapValue(String namespace, String name, String dataKey) {
        return require(ResourceKey.of(ApiGroups.CORE, ApiGroups.CONFIG_MAP, namespace, name)).path("data").path(dataKey).deepCopy();
    }

    public void delete(ResourceKey key) {
        require(key);
        objects.remove(key);
    }

    public ObjectNode require(ResourceKey key) {
        ObjectNode object = objects.get(key);
        if (object == null) {
            throw new IllegalArgumentException(key + " does not exist in the case's objects");
        }
        return object;
    }

    public boolean contains(ResourceKey key) {
        return objects.containsKey(key);
    }

    public long generation(ResourceKey key) {
        return require(key).path("metadata").path("generation").asLong();
    }

    public List<ObjectNode> all() {
        return List.copyOf(objects.values());
    }

    public ResourceSet resourceSet() {
        return ResourceSet.of(objects.values());
    }
}
