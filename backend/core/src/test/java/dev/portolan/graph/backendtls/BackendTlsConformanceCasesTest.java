package dev.portolan.graph.backendtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.testing.RepositoryFolders;
import dev.portolan.testpki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the status steps of the upstream BackendTLSPolicy conformance cases (and their derived v1alpha2/v1alpha3
 * variants) against the resolver: manifests, patches and applies are played in order, and every
 * {@code expectBackendTLSPolicyCondition} step is checked against the computed status.
 */
class BackendTlsConformanceCasesTest {
    static final String CONTROLLER = "gateway.portolan.dev/controller";
    static final String GATEWAY_CLASS = "portolan";
    /** CA used for every ConfigMap the upstream suite creates in code, one per name. */
    static final Map<String, String> CAS = new HashMap<>();

    static Path casesDir() {
        return RepositoryFolders.conformanceCases();
    }

    @TestFactory
    Stream<DynamicTest> backendTlsPolicyCases() throws IOException {
        Path dir = casesDir();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("backendtlspolicy.*\\.json"))
                    .sorted().toList()) {
                String base = file.getFileName().toString().replace(".json", "");
                tests.add(DynamicTest.dynamicTest(base + " (v1)", () -> runCase(dir, file, null)));
                for (String version : List.of("v1alpha3", "v1alpha2")) {
                    Path derived = dir.resolve("derived").resolve(base + "." + version + ".yaml");
                    if (Files.exists(derived)) {
                        tests.add(DynamicTest.dynamicTest(base + " (" + version + ")",
                                () -> runCase(dir, file, derived)));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 3, "expected the BackendTLSPolicy cases in " + dir + ", found " + tests.size());
        return tests.stream();
    }

    private static void runCase(Path dir, Path caseFile, Path derivedPolicies) throws IOException {
        JsonNode testCase = Manifests.JSON.readTree(caseFile.toFile());
        boolean v1alpha2 = derivedPolicies != null && derivedPolicies.toString().endsWith(".v1alpha2.yaml");
        Map<ResourceKey, ObjectNode> objects = new TreeMap<>();
        String baseYaml = Files.readString(dir.resolve("base/manifests.yaml"))
                .replace("{GATEWAY_CLASS_NAME}", GATEWAY_CLASS)
                .replace("{GATEWAY_CONTROLLER_NAME}", CONTROLLER);
        TestManifests.read(baseYaml).forEach(m -> put(objects, m));
        JsonNode programmatic = Manifests.JSON.readTree(dir.resolve("base/programmatic-resources.json").toFile());
        for (JsonNode o : programmatic.path("objects")) {
            if (o.path("kind").asText().equals("ConfigMap")) {
                String ns = o.path("namespace").asText();
                String name = o.path("name").asText();
                TestManifests.read(TestManifests.caConfigMap(ns, name, caFor(name))).forEach(m -> put(objects, m));
            }
        }
        for (JsonNode manifest : testCase.path("manifests")) {
            for (ObjectNode m : TestManifests.read(manifest.path("yaml").asText())) {
                if (derivedPolicies == null || !m.path("kind").asText().equals(ApiGroups.BACKEND_TLS_POLICY)) {
                    put(objects, m);
                }
            }
        }
        if (derivedPolicies != null) {
            TestManifests.read(Files.readString(derivedPolicies)).forEach(m -> put(objects, m));
        }

        int checks = 0;
        for (JsonNode step : testCase.path("steps")) {
            switch (step.path("type").asText()) {
                case "expectBackendTLSPolicyCondition" -> {
                    check(objects, step);
                    checks++;
                }
                case "patch" -> patch(objects, step, v1alpha2);
                case "apply" -> apply(objects, step);
                case "delete" -> objects.remove(keyOfStep(step.path("object")));
                default -> {
                    // Routing, readiness and HTTP steps are the data plane's business.
                }
            }
        }
        assertTrue(checks > 0, caseFile + " has no BackendTLSPolicy status step");
    }

    private static String caFor(String configMapName) {
        synchronized (CAS) {
            return CAS.computeIfAbsent(configMapName, name -> TestPki.newCa(name).certificatePem());
        }
    }

    private static void put(Map<ResourceKey, ObjectNode> objects, ObjectNode manifest) {
        ObjectNode metadata = (ObjectNode) manifest.path("metadata");
        if (!metadata.has("generation")) {
            metadata.put("generation", 1);
        }
        objects.put(Manifests.keyOf(manifest), manifest);
    }

    private static ResourceKey keyOfStep(JsonNode object) {
        return ResourceKey.of(ApiGroups.groupOf(object.path("apiVersion").asText()), object.path("kind").asText(),
                object.path("namespace").asText(), object.path("name").asText());
    }

    private static void patch(Map<ResourceKey, ObjectNode> objects, JsonNode step, boolean v1alpha2) {
        ResourceKey key = keyOfStep(step.path("object"));
        ObjectNode target = objects.get(key);
        assertTrue(target != null, "patch of missing object " + key);
        JsonNode ops = resolvePlaceholders(step.path("jsonPatch").deepCopy());
        if (v1alpha2 && key.kind().equals(ApiGroups.BACKEND_TLS_POLICY)) {
            for (JsonNode op : ops) {
                // VERSIONS.md: in v1alpha2 the case's paths are /spec/tls/caCertRefs and /spec/tls/hostname.
                String path = op.path("path").asText()
                        .replace("/spec/validation/caCertificateRefs", "/spec/tls/caCertRefs")
                        .replace("/spec/validation/hostname", "/spec/tls/hostname");
                ((ObjectNode) op).put("path", path);
            }
        }
        JsonNode specBefore = target.path("spec").deepCopy();
        JsonPatchOps.apply(target, ops);
        if (!target.path("spec").equals(specBefore)) {
            ObjectNode metadata = (ObjectNode) target.path("metadata");
            metadata.put("generation", metadata.path("generation").asLong(1) + 1);
        }
    }

    private static void apply(Map<ResourceKey, ObjectNode> objects, JsonNode step) {
        JsonNode object = step.path("object");
        ObjectNode manifest = Manifests.JSON.createObjectNode();
        manifest.put("apiVersion", object.path("apiVersion").asText());
        manifest.put("kind", object.path("kind").asText());
        manifest.putObject("metadata").put("name", object.path("name").asText())
                .put("namespace", object.path("namespace").asText());
        if (step.has("data")) {
            manifest.set("data", resolvePlaceholders(step.path("data").deepCopy()));
        }
        put(objects, manifest);
    }

    /** The cases write {@code <copy of ... ca.crt>} / {@code <original CA PEM>} for the suite's CA-A certificate. */
    private static JsonNode resolvePlaceholders(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(e -> names.add(e.getKey()));
            for (String name : names) {
                object.set(name, resolvePlaceholders(object.get(name)));
            }
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, resolvePlaceholders(node.get(i)));
            }
            return node;
        }
        if (node.isTextual() && node.asText().startsWith("<") && node.asText().endsWith(">")) {
            return TextNode.valueOf(caFor("tls-checks-ca-certificate"));
        }
        return node;
    }

    private static void check(Map<ResourceKey, ObjectNode> objects, JsonNode step) {
        ResourceSet set = ResourceSet.of(new ArrayList<>(objects.values()));
        BackendTlsResult result = BackendTlsResolver.resolve(set, gatewaysByService(set), CONTROLLER, Instant.EPOCH);
        String[] policyName = step.path("policy").asText().split("/");
        ResourceKey policyKey = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.BACKEND_TLS_POLICY, policyName[0],
                policyName[1]);
        String[] gateway = step.path("ancestorGateway").asText().split("/");
        JsonNode status = result.statuses().get(policyKey);
        assertTrue(status != null, "no status for " + policyKey);
        long generation = objects.get(policyKey).path("metadata").path("generation").asLong();
        JsonNode expected = step.path("condition");
        for (JsonNode ancestor : status.path("ancestors")) {
            JsonNode ref = ancestor.path("ancestorRef");
            if (!ref.path("name").asText().equals(gateway[1]) || !ref.path("namespace").asText().equals(gateway[0])) {
                continue;
            }
            assertEquals(CONTROLLER, ancestor.path("controllerName").asText());
            for (JsonNode c : ancestor.path("conditions")) {
                assertEquals(generation, c.path("observedGeneration").asLong(), "observedGeneration of " + c);
            }
            for (JsonNode c : ancestor.path("conditions")) {
                if (c.path("type").asText().equals(expected.path("type").asText())) {
                    if (!expected.path("status").isNull()) {
                        assertEquals(expected.path("status").asText(), c.path("status").asText(), step + " got " + c);
                    }
                    if (!expected.path("reason").isNull()) {
                        assertEquals(expected.path("reason").asText(), c.path("reason").asText(), step + " got " + c);
                    }
                    return;
                }
            }
        }
        fail("no " + expected.path("type").asText() + " condition for ancestor " + step.path("ancestorGateway")
                + " in " + status);
    }

    /** The Gateways each Service is reached from, read off the HTTPRoutes' parentRefs and backendRefs. */
    static Map<ResourceKey, SortedSet<ResourceKey>> gatewaysByService(ResourceSet set) {
        Map<ResourceKey, SortedSet<ResourceKey>> out = new HashMap<>();
        for (var route : set.httpRoutes()) {
            String ns = route.getMetadata().getNamespace();
            List<ResourceKey> gateways = new ArrayList<>();
            for (var parent : route.getSpec().getParentRefs()) {
                String group = parent.getGroup() == null ? ApiGroups.GATEWAY : parent.getGroup();
                String kind = parent.getKind() == null ? ApiGroups.GATEWAY_KIND : parent.getKind();
                ResourceKey key = ResourceKey.of(group, kind,
                        parent.getNamespace() == null ? ns : parent.getNamespace(), parent.getName());
                if (set.get(key).isPresent()) {
                    gateways.add(key);
                }
            }
            for (var rule : route.getSpec().getRules()) {
                if (rule.getBackendRefs() == null) {
                    continue;
                }
                for (var backend : rule.getBackendRefs()) {
                    String group = backend.getGroup() == null ? "" : backend.getGroup();
                    String kind = backend.getKind() == null ? ApiGroups.SERVICE : backend.getKind();
                    if (!group.isEmpty() || !kind.equals(ApiGroups.SERVICE)) {
                        continue;
                    }
                    ResourceKey service = ResourceKey.of("", ApiGroups.SERVICE,
                            backend.getNamespace() == null ? ns : backend.getNamespace(), backend.getName());
                    out.computeIfAbsent(service, s -> new TreeSet<>()).addAll(gateways);
                }
            }
        }
        return out;
    }
}
