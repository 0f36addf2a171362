package dev.portolan.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step (run by exec-maven-plugin in backend's generate-resources phase, with the java source launcher): turns
 * the vendored Gateway API CRDs' {@code openAPIV3Schema} into OpenAPI {@code components/schemas}, so the document
 * types Gateway API objects from upstream's own definition instead of a copy by hand.
 *
 * <p>For each CRD (kind K, its storage version): {@code K} (apiVersion, kind, metadata as {@code ObjectMeta}, spec,
 * status, plus common.yml's KubernetesObject members the CRD lacks, which v1 documented for every object),
 * {@code KSpec}, {@code KStatus}, the sub-schemas named in {@link #NAMED}, and {@code KDescription}: describe.yml's
 * {@code ObjectDescription} with {@code object} typed as {@code K}.
 *
 * <p>Usage: {@code java GatewayApiSchemas.java <crd folder> <src/main/openapi folder> <output .yml>}
 */
public final class GatewayApiSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";

    /** Sub-schemas other schemas refer to by name: kind, path of property names (arrays stepped through), name. */
    private static final List<String[]> NAMED = List.of(
            new String[] {"HTTPRoute", "spec.rules.matches", "HTTPRouteMatch"},
            new String[] {"HTTPRoute", "spec.rules.filters", "HTTPRouteFilter"});

    private GatewayApiSchemas() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GatewayApiSchemas <crd folder> <openapi folder> <output .yml>");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        List<JsonNode> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                crds.add(yaml.readTree(file.toFile()));
            }
        }
        JsonNode objectDescription = yaml.readTree(Path.of(args[1], "describe.yml").toFile())
                .path("components").path("schemas").path("ObjectDescription");
        JsonNode kubernetesObject = yaml.readTree(Path.of(args[1], "common.yml").toFile())
                .path("components").path("schemas").path("KubernetesObject");
        if (!objectDescription.isObject() || !kubernetesObject.isObject()) {
            throw new IllegalStateException(args[1] + " lacks ObjectDescription (describe.yml) or KubernetesObject"
                    + " (common.yml)");
        }
        ObjectNode document = JSON.objectNode().put("openapi", "3.0.1");
        document.putObject("info").put("title", "Portolan").put("version", "0.1");
        document.putObject("paths");
        document.putObject("components").set("schemas", schemas(crds, (ObjectNode) objectDescription, kubernetesObject));
        Path out = Path.of(args[2]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Generated from the Gateway API CRDs in backend/server/src/main/gateway-api-crds: do not edit\n"
                + yaml.writeValueAsString(document));
    }

    /** The schemas of every CRD, by name. Pure: no I/O. */
    static ObjectNode schemas(List<JsonNode> crds, ObjectNode objectDescription, JsonNode kubernetesObject) {
        ObjectNode schemas = JSON.objectNode();
        for (JsonNode crd : crds) {
            String kind = crd.path("spec").path("names").path("kind").asText();
            String group = crd.path("spec").path("group").asText();
            JsonNode storage = null;
            List<String> served = new ArrayList<>();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("storage").asBoolean()) {
                    storage = version;
                }
                if (version.path("served").asBoolean()) {
                    served.add(group + "/" + version.path("name").asText());
                }
            }
            if (kind.isEmpty() || storage == null) {
                throw new IllegalStateException("not a CRD with a storage version: " + crd.path("metadata").path("name"));
            }
            ObjectNode object = (ObjectNode) openApi(storage.path("schema").path("openAPIV3Schema"));
            ObjectNode properties = (ObjectNode) object.path("properties");
            String apiVersion = group + "/" + storage.path("name").asText();
            ((ObjectNode) properties.path("apiVersion")).put("description", "The version the object was written in ("
                    + String.join(", ", served) + "; the schema is " + apiVersion + "'s)");
            properties.set("metadata", ref("ObjectMeta"));
            for (String part : List.of("spec", "status")) {
                if (properties.has(part)) {
                    String name = kind + capitalized(part);
                    schemas.set(name, properties.get(part));
                    properties.set(part, ref(name));
                }
            }
            // v1 described every object as KubernetesObject: its other members stay documented (additive only)
            kubernetesObject.path("properties").fields().forEachRemaining(member -> {
                if (!properties.has(member.getKey())) {
                    properties.set(member.getKey(), member.getValue().deepCopy());
                }
            });
            ArrayNode required = object.withArray("required");
            for (String member : List.of("apiVersion", "kind", "metadata")) {
                if (!contains(required, member)) {
                    required.add(member);
                }
            }
            object.put("description", kind + " (" + apiVersion + ", Gateway API CRD), as stored, with the status "
                    + "Portolan computed. " + object.path("description").asText(""));
            schemas.set(kind, object);
            for (String[] named : NAMED) {
                if (named[0].equals(kind)) {
                    name(schemas, named[1], named[2]);
                }
            }
            ObjectNode description = objectDescription.deepCopy();
            description.put("description", "ObjectDescription of a " + kind + ": the object is typed by its CRD");
            description.withObject("/properties").set("object", ref(kind));
            schemas.set(kind + "Description", description);
        }
        return schemas;
    }

    /**
     * The OpenAPI 3.0 form of a CRD structural schema: Kubernetes' extensions dropped after translating those that
     * change what validates (int-or-string is integer or string; preserve-unknown-fields allows any member).
     */
    static JsonNode openApi(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode out = JSON.objectNode();
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (schema.has("description")) {
                out.set("description", schema.get("description"));
            }
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("x-kubernetes-")) {
                if (name.equals("x-kubernetes-preserve-unknown-fields") && value.asBoolean()
                        && !schema.has("additionalProperties")) {
                    out.put("additionalProperties", true);
                }
                continue;
            }
            switch (name) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), openApi(p.getValue())));
                }
                case "items", "additionalProperties" -> out.set(name, openApi(value));
                // In a structural schema these only add value checks (the types are on the schema itself), and
                // client generators turn them into bogus types: kept only where the schema has no type
                case "allOf", "anyOf", "oneOf", "not" -> {
                    if (schema.has("type")) {
                        continue;
                    }
                    if (value.isArray()) {
                        ArrayNode members = out.putArray(name);
                        value.forEach(member -> members.add(openApi(member)));
                    } else {
                        out.set(name, openApi(value));
                    }
                }
                // documentation only in an answer, and client generators cannot write a list or object default
                case "default" -> {
                    if (value.isValueNode()) {
                        out.set(name, value);
                    }
                }
                default -> out.set(name, value);
            }
        }
        return out;
    }

    /** Moves the schema at {@code path} (from a kind's schema, arrays stepped through) to its own name. */
    private static void name(ObjectNode schemas, String path, String name) {
        String[] steps = path.split("\\.");
        ObjectNode at = (ObjectNode) schemas.get(steps[0].equals("spec") ? kindOf(name) + "Spec" : null);
        for (int i = 1; i < steps.length; i++) {
            at = (ObjectNode) at.path("properties").path(steps[i]);
            while (at.has("items")) {
                if (i == steps.length - 1) {
                    schemas.set(name, at.get("items"));
                    at.set("items", ref(name));
                    return;
                }
                at = (ObjectNode) at.get("items");
            }
        }
        throw new IllegalStateException(path + " is not an array in the CRD schema");
    }

    private static String kindOf(String named) {
        return NAMED.stream().filter(n -> n[2].equals(named)).findFirst().orElseThrow()[0];
    }

    private static ObjectNode ref(String name) {
        return JSON.objectNode().put("$ref", REF + name);
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode member : array) {
            if (member.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
