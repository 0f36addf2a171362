package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector of cases/gwctl/effective-policy-vectors.json, run against the real engine and merge functions. */
class GwctlVectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVectorPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : GwctlVectors.file().path("vectors")) {
            tests.add(DynamicTest.dynamicTest(vector.path("id").asText(), () -> check(vector)));
        }
        assertEquals(7, tests.size(), "vector count changed: review the new vectors");
        return tests.stream();
    }

    private void check(JsonNode vector) {
        String function = vector.path("function").asText("");
        if (vector.has("query")) {
            checkDescribe(vector);
        } else if (function.startsWith("MergePoliciesOfSimilarKind")) {
            checkSameLevel(vector);
        } else if (function.startsWith("MergePoliciesOfDifferentHierarchy")) {
            checkHierarchy(vector);
        } else {
            fail("vector " + vector.path("id").asText() + " has neither a query nor a known function");
        }
    }

    private void checkDescribe(JsonNode vector) {
        boolean v10 = vector.path("id").asText().startsWith("v1.0");
        PolicyOptions options = new PolicyOptions(v10 ? PolicyOptions.Semantics.V1_0 : PolicyOptions.Semantics.CURRENT);
        PolicyReport report = PolicyEngine.compute(ResourceSet.of(objects(vector)), options);
        JsonNode query = vector.path("query");
        String kind = query.path("describe").asText().equals("gateway") ? ApiGroups.GATEWAY_KIND : ApiGroups.HTTP_ROUTE;
        ResourceKey key = ResourceKey.of(ApiGroups.GATEWAY, kind, query.path("namespace").asText(),
                query.path("name").asText());
        ObjectPolicies view = report.object(key).orElseThrow(() -> new AssertionError("no view of " + key));
        JsonNode expect = vector.path("expect");

        if (expect.has("DirectlyAttachedPolicies")) {
            assertEquals(expect.path("DirectlyAttachedPolicies"), directJson(view, expect.path("DirectlyAttachedPolicies")),
                    "DirectlyAttachedPolicies");
        }
        if (expect.has("InheritedPolicies")) {
            ArrayNode actual = Manifests.JSON.createArrayNode();
            for (InheritedPolicy p : view.inherited()) {
                actual.addArray().add(p.groupKind()).add(p.policy().namespacedName()).add(p.targetKind())
                        .add(p.targetName());
            }
            assertEquals(expect.path("InheritedPolicies"), actual, "InheritedPolicies");
        }
        if (expect.has("AttachedRoutes")) {
            ArrayNode actual = Manifests.JSON.createArrayNode();
            view.attachedRoutes().forEach(r -> actual.add(r.kind() + " " + r.namespacedName()));
            assertEquals(expect.path("AttachedRoutes"), actual, "AttachedRoutes");
        }
        if (expect.has("EffectivePolicies")) {
            JsonNode actual = kind.equals(ApiGroups.GATEWAY_KIND)
                    ? specs(view.effective())
                    : byGateway(view.effectiveByGateway());
            assertEquals(expect.path("EffectivePolicies"), actual, "EffectivePolicies");
        }
    }

    private static List<JsonNode> objects(JsonNode vector) {
        JsonNode objects = vector.path("objects");
        if (objects.isArray()) {
            return GwctlVectors.manifests(objects);
        }
        List<JsonNode> manifests = new ArrayList<>(GwctlVectors.yamlDocuments(
                GwctlVectors.CASES.resolve("example-resources.yaml")));
        manifests.addAll(GwctlVectors.yamlDocuments(GwctlVectors.CASES.resolve("example-policy-crds.yaml")));
        return manifests;
    }

    /** In the shape the vector uses: v1.0 objects {Group, Kind, Name}, current [Kind.group, ns/name] pairs. */
    private static ArrayNode directJson(ObjectPolicies view, JsonNode expected) {
        boolean objectShape = expected.size() > 0 && expected.get(0).isObject();
        ArrayNode actual = Manifests.JSON.createArrayNode();
        for (ResourceKey p : view.directlyAttached()) {
            if (objectShape) {
                actual.addObject().put("Group", p.group()).put("Kind", p.kind()).put("Name", p.namespacedName());
            } else {
                actual.addArray().add(p.groupKind()).add(p.namespacedName());
            }
        }
        return actual;
    }

    private static ObjectNode specs(Map<String, EffectivePolicy> effective) {
        ObjectNode node = Manifests.JSON.createObjectNode();
        effective.forEach((kind, policy) -> node.set(kind, policy.spec()));
        return node;
    }

    private static ObjectNode byGateway(Map<String, SortedMap<String, EffectivePolicy>> effective) {
        ObjectNode node = Manifests.JSON.createObjectNode();
        effective.forEach((gateway, policies) -> node.set(gateway, specs(policies)));
        return node;
    }

    private void checkSameLevel(JsonNode vector) {
        List<MergedPolicy> input = new ArrayList<>();
        for (JsonNode object : vector.path("input")) {
            Policy policy = GwctlVectors.policy(object);
            input.add(MergedPolicy.of(policy, PolicyLevel.GATEWAY, ResourceKey.of("", "Namespace", "", "default")));
        }
        SortedMap<String, MergedPolicy> merged = PolicyMerger.mergeSameLevel(input);
        vector.path("expect").fields().forEachRemaining(e -> assertNameAndSpec(e.getValue(), merged.get(e.getKey())));
        assertEquals(vector.path("expect").size(), merged.size());
    }

    private void checkHierarchy(JsonNode vector) {
        Policy parent = GwctlVectors.policy(vector.path("parent"));
        Policy child = GwctlVectors.policy(vector.path("child"));
        ResourceKey gateway = ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "gw");
        ResourceKey route = ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "default", "route");
        MergedPolicy parentMerged = MergedPolicy.of(parent, PolicyLevel.GATEWAY, gateway);
        MergedPolicy childMerged = MergedPolicy.of(child, PolicyLevel.HTTP_ROUTE, route);
        SortedMap<String, MergedPolicy> parents = new TreeMap<>(Map.of(parent.groupKind(), parentMerged));
        SortedMap<String, MergedPolicy> children = new TreeMap<>(Map.of(child.groupKind(), childMerged));
        SortedMap<String, MergedPolicy> result = PolicyMerger.mergeHierarchy(parents, children);
        JsonNode expect = vector.path("expect");
        if (expect.has("spec")) {
            assertEquals(1, result.size());
            MergedPolicy merged = result.get(child.groupKind());
            assertNameAndSpec(expect, merged);
            if (vector.has("expectEffectiveSpec")) {
                assertEquals(vector.path("expectEffectiveSpec"), merged.effectiveSpec());
            }
        } else {
            assertEquals(2, result.size());
            assertTrue(expect.path(parent.groupKind()).asText().startsWith("parent unchanged"));
            assertTrue(expect.path(child.groupKind()).asText().startsWith("child unchanged"));
            assertEquals(parent.manifest(), result.get(parent.groupKind()).object());
            assertEquals(child.manifest(), result.get(child.groupKind()).object());
            assertFalse(parent.groupKind().equals(child.groupKind()));
        }
    }

    private static void assertNameAndSpec(JsonNode expected, MergedPolicy actual) {
        assertEquals(expected.path("name").asText(), actual.name(), "merged policy keeps the winner's metadata");
        assertEquals(expected.path("spec"), actual.spec());
    }

    @Test
    void currentSemanticsDropsDirectPoliciesFromTheV10GatewayVector() {
        JsonNode vector = GwctlVectors.vector("v1.0-gateway-describe");
        PolicyReport report = PolicyEngine.compute(ResourceSet.of(GwctlVectors.manifests(vector.path("objects"))),
                PolicyOptions.defaults());
        ObjectPolicies view = report.object(ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "foo-gateway"))
                .orElseThrow();
        assertEquals(List.of("HealthCheckPolicy.foo.com"), List.copyOf(view.effective().keySet()));
        assertEquals(vector.path("expect").path("EffectivePolicies").path("HealthCheckPolicy.foo.com"),
                view.effective().get("HealthCheckPolicy.foo.com").spec());
    }
}
