package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * House rules for openapi/portolan.yaml, checked in the build: no untyped object (an object schema names its
 * properties, or says what its additional properties are), every success answer has a schema, every error answer
 * is the Problem schema as application/problem+json, and every operation documents the errors any request can get
 * (421 for a Host the server does not answer, 429 for an address that guessed tokens, 500).
 */
class OpenApiLintTest {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml")).toFile());
    }

    @Test
    void noObjectSchemaIsUntyped() {
        List<String> untyped = new ArrayList<>();
        walk(document, "#", untyped);
        assertEquals(List.of(), untyped, "object schemas without properties or additionalProperties");
    }

    @Test
    void everyAnswerHasASchemaAndEveryErrorIsAProblem() {
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                operations++;
                String name = method.toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.path("responses");
                for (String everywhere : List.of("421", "429", "500")) {
                    if (!responses.has(everywhere)) {
                        wrong.add(name + ": no " + everywhere + " response (every operation can give it)");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = it.next();
                    String code = response.getKey();
                    JsonNode content = response.getValue().path("content");
                    if (code.startsWith("4") || code.startsWith("5")) {
                        JsonNode problem = content.path("application/problem+json").path("schema").path("$ref");
                        if (!problem.asText().equals("#/components/schemas/Problem") || content.size() != 1) {
                            wrong.add(name + " " + code + ": not application/problem+json Problem");
                        }
                    } else if (code.startsWith("2")) {
                        if (content.isEmpty()) {
                            wrong.add(name + " " + code + ": no content");
                        }
                        content.fields().forEachRemaining(media -> {
                            if (media.getValue().path("schema").isMissingNode()) {
                                wrong.add(name + " " + code + " " + media.getKey() + ": no schema");
                            }
                        });
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(operations >= 30, "only " + operations + " operations: is this the whole document?");
    }

    /** Counts for the record (printed by the build): typed component schemas and operations. */
    @Test
    void reportsTheCounts() {
        List<String> untyped = new ArrayList<>();
        walk(document, "#", untyped);
        System.out.println("openapi: " + document.path("components").path("schemas").size() + " component schemas, "
                + untyped.size() + " untyped objects");
    }

    private static void walk(JsonNode node, String where, List<String> untyped) {
        if (node.isObject()) {
            if (isSchema(where) && isUntypedObject(node)) {
                untyped.add(where);
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), where + "/" + e.getKey(), untyped));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, untyped);
            }
        }
    }

    /** Schemas sit under schema, schemas/X, properties/X, items, additionalProperties and the compositions. */
    private static boolean isSchema(String where) {
        String[] parts = where.split("/");
        String last = parts[parts.length - 1];
        String parent = parts.length > 1 ? parts[parts.length - 2] : "";
        return last.equals("schema") || last.equals("items") || last.equals("additionalProperties")
                || parent.equals("schemas") || parent.equals("properties")
                || parent.equals("oneOf") || parent.equals("anyOf") || parent.equals("allOf");
    }

    private static boolean isUntypedObject(JsonNode schema) {
        boolean object = schema.path("type").asText().equals("object");
        return object && !schema.has("properties") && !schema.has("additionalProperties")
                && !schema.has("$ref") && !schema.has("oneOf") && !schema.has("anyOf") && !schema.has("allOf");
    }
}
