package dev.portolan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.portolan.client.invoker.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** The generated client's models as JSON trees, and trees as JSON or YAML text. Pure. */
final class Json {
    /** The generated client's own mapper (nulls left out, java.time as ISO text). */
    static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // resourceVersion "27" stays a string, as kubectl prints it
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private Json() {
    }

    static JsonNode tree(Object model) {
        return MAPPER.valueToTree(model);
    }

    /** A member's text, "" when absent or null (JsonNode.asText() would say "null"). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(item.asText());
        }
        return out;
    }

    static boolean isEmpty(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }

    /**
     * A stored object without the empty members the generated model adds: its typed spec and status (from the
     * Gateway API CRDs) fill every absent list with an empty one, so empty lists and objects are left out at every
     * depth. Scalar defaults the CRDs declare (weight 1, kind Service) stay, as a cluster's API server applies them.
     */
    static JsonNode withoutEmptyMembers(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = object.objectNode();
            object.properties().forEach(member -> {
                JsonNode value = withoutEmptyMembers(member.getValue());
                if (!isEmpty(value)) {
                    copy.set(member.getKey(), value);
                }
            });
            return copy;
        }
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(withoutEmptyMembers(item)));
            return copy;
        }
        return node;
    }

    static String json(JsonNode node) {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
