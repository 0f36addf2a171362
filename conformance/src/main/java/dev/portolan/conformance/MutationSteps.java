package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code patch}, {@code apply} and {@code delete} steps, run against the implementation. Values written as
 * {@code <copy of ConfigMap NAME data["KEY"]>} or {@code <original CA PEM>} (the suite's CA-A) are read from the
 * ConfigMaps of the same namespace.
 */
public final class MutationSteps {
    private static final Pattern COPY_OF = Pattern.compile("<copy of ConfigMap (\\S+) data\\[\"(.+)\"\\]>");

    private final PortolanUnderTest portolan;

    public MutationSteps(PortolanUnderTest portolan) {
        this.portolan = portolan;
    }

    /** @return the generation before the change (for {@code expectGenerationChanged}), 0 for a new object */
    public long run(JsonNode step) {
        ResourceKey key = ObjectReferences.keyOfReference(step.path("object"));
        long before = portolan.object(key).map(o -> o.path("metadata").path("generation").asLong()).orElse(0L);
        switch (step.path("type").asText()) {
            case "patch" -> {
                ObjectNode patched = require(key);
                patched.remove("status");
                JsonPatch.apply(patched, resolvePlaceholders(key.namespace(), step.path("jsonPatch").deepCopy()));
                portolan.apply(patched);
            }
            case "delete" -> portolan.delete(key);
            case "apply" -> portolan.apply(manifestOf(step, key));
            default -> throw new IllegalArgumentException("not a mutation step: " + step.path("type").asText());
        }
        return before;
    }

    private ObjectNode manifestOf(JsonNode step, ResourceKey key) {
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
        return manifest;
    }

    private JsonNode resolvePlaceholders(String namespace, JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, resolvePlaceholders(namespace, object.get(name))));
            return object;
        }
        if (node instanceof ArrayNode array) {
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

    private ObjectNode require(ResourceKey key) {
        return portolan.object(key).orElseThrow(() -> new AssertionError(key + " does not exist in the implementation"));
    }
}
