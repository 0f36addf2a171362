package dev.portolan.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.portolan.model.reading.ManifestMappers;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Reading Kubernetes manifests (as Jackson trees) and turning them into fabric8 model objects.
 * Every failure is a {@link ManifestException} naming the field at fault.
 */
public final class Manifests {
    /** Shared mapper for manifests (bounded reading, duplicate keys refused: {@link ManifestMappers}); fabric8 types keep unknown fields in their additionalProperties. */
    public static final ObjectMapper JSON = new ObjectMapper(ManifestMappers.jsonFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Kubernetes-style YAML (no document start marker, no quotes unless needed). */
    public static final ObjectMapper YAML = new ObjectMapper(ManifestMappers.yamlFactory(builder -> builder
            .dumperOptions(unwrappedLines())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Manifests() {
    }

    /** Long condition messages stay on one line: easier to read and to diff. */
    private static DumperOptions unwrappedLines() {
        DumperOptions options = new DumperOptions();
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        return options;
    }

    /**
     * Identity of a manifest. Namespaced kinds without {@code metadata.namespace} land in {@code default}, as
     * {@code kubectl apply} does.
     *
     * @throws ManifestException when apiVersion, kind or metadata.name is missing or not a string
     */
    public static ResourceKey keyOf(JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            throw new ManifestException("", "document is not a mapping (expected a Kubernetes object)");
        }
        String apiVersion = requiredText(manifest, "apiVersion");
        String kind = requiredText(manifest, "kind");
        JsonNode metadata = manifest.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            throw new ManifestException("metadata", "is required and must be a mapping");
        }
        String name = requiredText(metadata, "name", "metadata.name");
        JsonNode ns = metadata.get("namespace");
        if (ns != null && !ns.isNull() && !ns.isTextual()) {
            throw new ManifestException("metadata.namespace", "must be a string");
        }
        String group = ApiGroups.groupOf(apiVersion);
        String namespace = ns == null || ns.isNull() ? "" : ns.asText();
        if (ApiGroups.isKnownClusterScoped(group, kind)) {
            namespace = "";
        } else if (namespace.isEmpty()) {
            namespace = "default";
        }
        return new ResourceKey(group, kind, namespace, name);
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ManifestException(path, "is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ManifestException(path, "must be a non-empty string");
        }
        return value.asText();
    }

    /**
     * Converts a manifest tree to a fabric8 type.
     *
     * @throws ManifestException with the JSON path of the first field that does not fit the type
     */
    public static <T> T convert(JsonNode manifest, Class<T> type) {
        try {
            return JSON.treeToValue(manifest, type);
        } catch (JsonMappingException e) {
            throw new ManifestException(pathOf(e), describe(e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ManifestException("", e.getMessage(), e);
        }
    }

    /** JSON path of a Jackson mapping error in {@code spec.listeners[0].port} form. */
    public static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException e) {
        String message = e.getOriginalMessage();
        // Jackson names Java types; users think in YAML terms.
        if (message.startsWith("Cannot deserialize value of type `java.lang.Integer`")
                || message.startsWith("Cannot deserialize value of type `java.lang.Long`")) {
            return "must be an integer";
        }
        if (message.startsWith("Cannot deserialize value of type `java.util.ArrayList`")
                || message.contains("from Object value") && message.contains("java.util.List")) {
            return "must be a list";
        }
        if (message.startsWith("Cannot deserialize value of type `java.lang.String` from Object")
                || message.startsWith("Cannot deserialize value of type `java.lang.String` from Array")) {
            return "must be a string";
        }
        if (message.contains("from Array value") || message.contains("from String value")
                || message.contains("no String-argument constructor")) {
            return "must be a mapping";
        }
        return message;
    }

    /** Deep copy as an ObjectNode. */
    public static ObjectNode copy(JsonNode node) {
        return (ObjectNode) node.deepCopy();
    }
}
