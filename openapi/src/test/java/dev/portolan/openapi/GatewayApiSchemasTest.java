package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The document's Gateway API schemas are the vendored CRDs' (backend/server/src/main/gateway-api-crds, turned into schemas
 * by GatewayApiSchemas at build time): every kind is there with the members of its storage version's spec and
 * status, without Kubernetes' extensions, and each kind's describe operation answers it.
 */
class GatewayApiSchemasTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyVendoredKindIsTypedFromItsCrd() throws IOException {
        JsonNode document = YAML.readTree(Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml")).toFile());
        JsonNode schemas = document.path("components").path("schemas");
        List<Path> crds;
        try (Stream<Path> files = Files.list(Path.of("../backend/server/src/main/gateway-api-crds"))) {
            crds = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(5, crds.size(), "GatewayClass, Gateway, HTTPRoute, ReferenceGrant, BackendTLSPolicy");
        for (Path file : crds) {
            JsonNode crd = YAML.readTree(file.toFile());
            String kind = crd.path("spec").path("names").path("kind").asText();
            JsonNode storage = null;
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("storage").asBoolean()) {
                    storage = version.path("schema").path("openAPIV3Schema");
                }
            }
            for (String part : List.of("spec", "status")) {
                JsonNode upstream = storage.path("properties").path(part);
                if (upstream.isMissingNode()) {
                    continue;
                }
                JsonNode generated = schemas.path(kind + (part.equals("spec") ? "Spec" : "Status"));
                assertEquals(names(upstream), names(generated), kind + "." + part);
                assertEquals("#/components/schemas/" + kind + (part.equals("spec") ? "Spec" : "Status"),
                        schemas.path(kind).path("properties").path(part).path("$ref").asText(), kind + "." + part);
            }
            assertEquals("#/components/schemas/ObjectMeta",
                    schemas.path(kind).path("properties").path("metadata").path("$ref").asText(), kind);
            assertEquals("#/components/schemas/" + kind,
                    schemas.path(kind + "Description").path("properties").path("object").path("$ref").asText());
            String plural = crd.path("spec").path("names").path("plural").asText();
            String path = crd.path("spec").path("scope").asText().equals("Namespaced")
                    ? "/api/v1/" + plural + "/{namespace}/{name}" : "/api/v1/" + plural + "/{name}";
            assertEquals("#/components/schemas/" + kind + "Description", document.path("paths").path(path).path("get")
                    .path("responses").path("200").path("content").path("application/json").path("schema")
                    .path("$ref").asText(), path);
        }
        String text = Files.readString(Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml")));
        assertFalse(text.contains("x-kubernetes-"), "Kubernetes' schema extensions are not OpenAPI");
        assertTrue(schemas.has("HTTPRouteMatch") && schemas.has("HTTPRouteFilter"));
    }

    private static Set<String> names(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
