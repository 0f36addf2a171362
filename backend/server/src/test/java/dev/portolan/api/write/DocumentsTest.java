package dev.portolan.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting request bodies into documents and validating them all before any write. */
class DocumentsTest {
    @Test
    void yamlDocumentsArraysAndListsAreFlattenedInOrder() {
        String yaml = "---\n" + WriteFixtures.SERVICE.formatted("a") + "---\n---\napiVersion: v1\nkind: List\n"
                + "items:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: team-b\n";
        List<ObjectNode> fromYaml = ManifestDocuments.parse(yaml, "application/yaml");
        List<ObjectNode> fromJson = ManifestDocuments.parse("[{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                + "\"metadata\":{\"name\":\"x\"}}, {\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"y\"}}]}]",
                "application/json");

        assertEquals(List.of("a", "team-b"), fromYaml.stream().map(d -> d.at("/metadata/name").asText()).toList());
        assertEquals(List.of("x", "y"), fromJson.stream().map(d -> d.at("/metadata/name").asText()).toList());
    }

    @Test
    void unparsableBodiesAndScalarsAreBadRequests() {
        ApiException syntax = assertThrows(ApiException.class,
                () -> ManifestDocuments.parse("{\"kind\": ", "application/json"));
        ApiException scalar = assertThrows(ApiException.class,
                () -> ManifestDocuments.parse("just text", "application/yaml"));
        ApiException empty = assertThrows(ApiException.class, () -> ManifestDocuments.parse(" ", null));

        assertEquals(400, syntax.status().getCode());
        assertTrue(syntax.reason().contains("not valid JSON"), syntax.reason());
        assertTrue(scalar.reason().contains("document 1 is not a mapping"), scalar.reason());
        assertEquals("body", empty.field());
    }

    @Test
    void theFirstInvalidDocumentIsNamedWithNumberObjectAndField() {
        String yaml = WriteFixtures.SERVICE.formatted("fine") + "---\n" + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: broken
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: eighty
                """;
        ApiException error = assertThrows(ApiException.class,
                () -> DocumentValidator.validate(WriteFixtures.parse(yaml)));

        assertEquals("Gateway/default/broken", error.object());
        assertEquals("spec.listeners[0].port", error.field());
        assertTrue(error.reason().startsWith("document 2 of 2 (Gateway/default/broken): spec.listeners[0].port"),
                error.reason());
    }

    @Test
    void aDocumentWithoutNameIsNamedByItsNumber() {
        ApiException error = assertThrows(ApiException.class, () -> DocumentValidator.validate(
                WriteFixtures.parse("apiVersion: v1\nkind: Service\nmetadata: {}\n")));
        assertEquals("document 1 of 1", error.object());
        assertEquals("metadata.name", error.field());
    }
}
