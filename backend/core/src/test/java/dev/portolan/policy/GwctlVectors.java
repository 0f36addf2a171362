package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.testing.RepositoryFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the gwctl conformance vectors and turns their plain-data objects into real manifests. */
final class GwctlVectors {
    static final Path CASES = RepositoryFolders.gwctlCases();
    private static final String BASE_TIME = "2024-05-01T12:00:00Z";
    private static final String HOUR_EARLIER = "2024-05-01T11:00:00Z";

    private GwctlVectors() {
    }

    static JsonNode file() {
        try {
            return Manifests.JSON.readTree(CASES.resolve("effective-policy-vectors.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode vector(String id) {
        for (JsonNode vector : file().path("vectors")) {
            if (vector.path("id").asText().equals(id)) {
                return vector;
            }
        }
        throw new IllegalArgumentException("no vector " + id + " in " + CASES);
    }

    /** Every document of a multi-document YAML file in the cases folder, comment-only documents skipped. */
    static List<JsonNode> yamlDocuments(Path file) {
        try {
            return yamlDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of multi-document YAML text, comment-only documents skipped. */
    static List<JsonNode> yamlDocuments(String text) {
        try (var parser = Manifests.YAML.getFactory().createParser(text)) {
            List<JsonNode> documents = new ArrayList<>();
            var iterator = Manifests.YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Manifests for a vector's "objects" array. */
    static List<JsonNode> manifests(JsonNode objects) {
        List<JsonNode> manifests = new ArrayList<>();
        for (JsonNode object : objects) {
            if (object.has("policyCRD")) {
                manifests.add(crd(object, objects));
            } else if (object.has("group") && object.has("spec")) {
                manifests.add(policyManifest(object));
            } else {
                manifests.add(gatewayApiObject(object));
            }
        }
        return manifests;
    }

    private static JsonNode crd(JsonNode object, JsonNode all) {
        String name = object.path("policyCRD").asText();
        String group = name.substring(name.indexOf('.') + 1);
        String kind = null;
        for (JsonNode other : all) {
            if (other.path("group").asText().equals(group) && other.has("spec")) {
                kind = other.path("kind").asText();
            }
        }
        ObjectNode crd = Manifests.JSON.createObjectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata").put("name", name);
        metadata.putObject("labels").put("gateway.networking.k8s.io/policy", object.path("label").asText());
        ObjectNode spec = crd.putObject("spec").put("group", group).put("scope", object.path("scope").asText());
        spec.putObject("names").put("kind", kind);
        return crd;
    }

    /** A policy instance: {kind, group, name, namespace?, creationTimestamp?, spec}. */
    static ObjectNode policyManifest(JsonNode object) {
        ObjectNode manifest = Manifests.JSON.createObjectNode();
        manifest.put("apiVersion", object.path("group").asText() + "/v1").put("kind", object.path("kind").asText());
        ObjectNode metadata = manifest.putObject("metadata").put("name", object.path("name").asText());
        if (object.has("namespace")) {
            metadata.put("namespace", object.path("namespace").asText());
        }
        if (object.has("creationTimestamp")) {
            metadata.put("creationTimestamp",
                    object.path("creationTimestamp").asText().equals("T") ? BASE_TIME : HOUR_EARLIER);
        }
        manifest.set("spec", object.path("spec").deepCopy());
        return manifest;
    }

    /** A {@link Policy} straight from vector data (for the merge-function vectors, which have no CRDs). */
    static Policy policy(JsonNode object) {
        ObjectNode manifest = policyManifest(object);
        String group = object.path("group").asText();
        String kind = object.path("kind").asText();
        PolicyCrd crd = new PolicyCrd(kind.toLowerCase() + "." + group, group, kind,
                object.path("inheritable").asBoolean() ? "inherited" : "direct",
                object.path("inheritable").asBoolean(), true);
        ResourceKey key = ResourceKey.of(group, kind, object.path("namespace").asText(""),
                object.path("name").asText());
        return new Policy(key, crd, manifest, PolicyDiscovery.targetsOf(manifest.path("spec"), key.namespace()));
    }

    private static JsonNode gatewayApiObject(JsonNode object) {
        ObjectNode manifest = Manifests.JSON.createObjectNode();
        String kind = object.path("kind").asText();
        manifest.put("apiVersion", "gateway.networking.k8s.io/v1").put("kind", kind);
        ObjectNode metadata = manifest.putObject("metadata").put("name", object.path("name").asText());
        if (object.has("namespace")) {
            metadata.put("namespace", object.path("namespace").asText());
        }
        ObjectNode spec = manifest.putObject("spec");
        switch (kind) {
            case "GatewayClass" -> spec.set("controllerName", object.path("controllerName"));
            case "Gateway" -> {
                spec.set("gatewayClassName", object.path("gatewayClassName"));
                spec.putArray("listeners").addObject().put("name", "http").put("protocol", "HTTP").put("port", 80);
            }
            case "HTTPRoute" -> spec.set("parentRefs", object.path("parentRefs").deepCopy());
            default -> throw new IllegalArgumentException("unexpected vector object kind " + kind);
        }
        return manifest;
    }

    static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }
}
