package dev.portolan.api.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.Manifests;
import dev.portolan.model.reading.ReadFailure;
import dev.portolan.model.reading.ReadLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a write request body into Kubernetes objects: YAML (one or many {@code ---} documents) or JSON (one object
 * or an array), each possibly a Kubernetes {@code List} whose items are the objects. Empty YAML documents are
 * skipped. Documents are numbered from 1 in body order after flattening, the numbers errors name.
 */
public final class ManifestDocuments {
    private ManifestDocuments() {
    }

    /**
     * @param contentType the request's Content-Type; JSON when it names json, YAML otherwise (YAML reads JSON too)
     * @throws ApiException 400 when the body does not parse or a document is not a mapping
     */
    public static List<ObjectNode> parse(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "body", "the body is empty; send one or more Kubernetes objects "
                    + "as YAML (Content-Type: application/yaml) or JSON (application/json)");
        }
        boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        List<JsonNode> roots = json ? readAll(Manifests.JSON, body, "JSON") : readAll(Manifests.YAML, body, "YAML");
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode root : roots) {
            flatten(root, out);
        }
        if (out.size() > ReadLimits.MAX_DOCUMENTS) {
            throw ApiException.badRequest(null, "body", "the body holds " + out.size() + " objects, more than "
                    + ReadLimits.MAX_DOCUMENTS + "; send them in several requests");
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest(null, "body", "the body holds no Kubernetes object");
        }
        return out;
    }

    private static List<JsonNode> readAll(ObjectMapper mapper, String body, String format) {
        List<JsonNode> roots = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(body)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                // an empty YAML document (two --- in a row) reads as null or as an empty string
                boolean empty = document == null || document.isNull() || document.isMissingNode()
                        || document.isTextual() && document.asText().isBlank();
                if (!empty) {
                    roots.add(document);
                }
                if (roots.size() > ReadLimits.MAX_DOCUMENTS) {
                    throw ApiException.badRequest(null, "body", "the body holds more than "
                            + ReadLimits.MAX_DOCUMENTS + " documents; send them in several requests");
                }
            }
        } catch (JsonProcessingException e) {
            // never the parser's own message: it quotes the text, and the text may be a Secret
            ReadFailure failure = ReadFailure.of(e);
            throw ApiException.badRequest(null, failure.field().isEmpty() ? "body" : failure.field(),
                    "the body is not valid " + format + " " + failure.describe(0));
        } catch (IOException e) {
            throw ApiException.badRequest(null, "body", "the body could not be read: " + e.getMessage());
        }
        return roots;
    }

    private static void flatten(JsonNode node, List<ObjectNode> out) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                flatten(item, out);
            }
        } else if (node.isObject() && "List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
            for (JsonNode item : node.get("items")) {
                flatten(item, out);
            }
        } else if (node.isObject()) {
            out.add((ObjectNode) node);
        } else {
            throw ApiException.badRequest(null, "body", "document " + (out.size() + 1)
                    + " is not a mapping (expected a Kubernetes object, got " + node.getNodeType() + ")");
        }
    }
}
