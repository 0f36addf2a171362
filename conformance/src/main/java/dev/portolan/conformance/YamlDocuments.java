package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Multi-document YAML as the cases write it, with the {@code {GATEWAY_CLASS_NAME}}-style placeholders replaced. */
public final class YamlDocuments {
    private YamlDocuments() {
    }

    /** Parses multi-document YAML, replacing placeholders first. Empty documents are skipped. */
    public static List<ObjectNode> parse(String yaml, Map<String, String> placeholders) {
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
}
