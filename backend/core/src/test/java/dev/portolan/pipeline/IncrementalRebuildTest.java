package dev.portolan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceChanges;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.policy.PolicyReport;
import dev.portolan.model.TypedCache;
import dev.portolan.proxy.config.ProxyConfigCodec;
import dev.portolan.testing.GoldenFiles;
import dev.portolan.testing.ScenarioInputs;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A rebuild that reuses what it kept of the last one (typed objects, route views) gives exactly what a rebuild from
 * scratch gives: over every golden scenario, a seeded sequence of random changes as a store makes them (spec edits
 * with a generation bump, labels, deletions, re-creations, resourceVersion-only rewrites as a status write makes),
 * comparing statuses, proxy config (byte for byte), translation problems and effective report after each step.
 */
class IncrementalRebuildTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final int STEPS = 40;

    @TestFactory
    Stream<DynamicTest> randomChangesGiveWhatAFullRebuildGives() {
        return GoldenFiles.scenarios(GOLDEN).stream().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), () -> replay(ScenarioInputs.load(dir), dir.getFileName().hashCode())));
    }

    /** The same with HTTPRoutes only (the path that patches the last graph), twice as many steps. */
    @TestFactory
    Stream<DynamicTest> randomRouteChangesGiveWhatAFullRebuildGives() {
        return GoldenFiles.scenarios(GOLDEN).stream().map(dir -> DynamicTest.dynamicTest(
                dir.getFileName().toString(), () -> replay(ScenarioInputs.load(dir), dir.getFileName().hashCode() + 1,
                        true)));
    }

    @Test
    void aRouteChangeResolvesOnlyThatRouteAgain() throws Exception {
        SortedMap<ResourceKey, ObjectNode> objects = byKey(ScenarioInputs.load(GOLDEN.resolve("basic-http-route")));
        Incremental incremental = new Incremental();
        ComputedState first = incremental.compute(objects);
        ResourceKey routeKey = objects.keySet().stream().filter(k -> k.kind().equals("HTTPRoute")).findFirst()
                .orElseThrow();
        // a status write: new tree, new resourceVersion, same content
        ObjectNode rewritten = objects.get(routeKey).deepCopy();
        ((ObjectNode) rewritten.get("metadata")).put("resourceVersion", "999");
        objects.put(routeKey, rewritten);
        ComputedState second = incremental.compute(objects);
        assertSame(first.graph().routes().get(routeKey), second.graph().routes().get(routeKey),
                "the route's view is reused");
        ObjectNode edited = rewritten.deepCopy();
        ((ObjectNode) edited.get("metadata")).put("generation", 2);
        ((ArrayNode) edited.with("spec").withArray("hostnames")).add("another.example.com");
        objects.put(routeKey, edited);
        ComputedState third = incremental.compute(objects);
        assertNotSame(second.graph().routes().get(routeKey), third.graph().routes().get(routeKey));
        ResourceKey gatewayClass = ResourceKey.of("gateway.networking.k8s.io", "GatewayClass", "", "portolan");
        assertSame(second.graph().statuses().get(gatewayClass), third.graph().statuses().get(gatewayClass),
                "the graph is patched: the GatewayClass's status is the last one");
        assertSameAsFromScratch(objects, third, "after a spec edit");
    }

    private static void replay(List<ObjectNode> manifests, int seed) throws Exception {
        replay(manifests, seed, false);
    }

    private static void replay(List<ObjectNode> manifests, int seed, boolean routesOnly) throws Exception {
        Random random = new Random(seed);
        SortedMap<ResourceKey, ObjectNode> objects = byKey(manifests);
        Map<ResourceKey, ObjectNode> removed = new TreeMap<>();
        Incremental incremental = new Incremental();
        assertSameAsFromScratch(objects, incremental.compute(objects), "initial");
        for (int step = 0; step < (routesOnly ? 2 * STEPS : STEPS); step++) {
            SortedMap<ResourceKey, ObjectNode> before = new TreeMap<>(objects);
            ResourceSet previous = incremental.last;
            ComputedState last = incremental.lastState;
            String change = change(random, objects, removed, routesOnly);
            ComputedState computed = incremental.compute(objects);
            String when = "step " + step + ": " + change;
            if (routesOnly) {
                // the graph was patched, not built again: what no route touches is the last graph's very object
                last.graph().statuses().forEach((key, status) -> {
                    if (key.kind().equals("GatewayClass")) {
                        assertSame(status, computed.graph().statuses().get(key), when + ": " + key + " patched");
                    }
                });
            }
            assertSameAsFromScratch(objects, computed, when);
            assertChangesSaid(before, objects, previous, incremental.last, when);
            assertSameSet(ResourceSet.of(BuiltInResources.withBuiltIns(objects.values())), incremental.last, when);
        }
        assertTrue(incremental.patchedBuilds >= STEPS / 4, incremental.patchedBuilds + " sets patched from changes");
    }

    /**
     * The patched set says what changed since the last: at most the key the step touched (nothing for a
     * resourceVersion-only rewrite), and whether it is only HTTPRoutes.
     */
    private static void assertChangesSaid(SortedMap<ResourceKey, ObjectNode> before,
                                          SortedMap<ResourceKey, ObjectNode> after, ResourceSet previous,
                                          ResourceSet now, String when) {
        ResourceChanges changes = now.changesSince(previous).orElseThrow(() -> new AssertionError(when + ": unknown"));
        java.util.Set<ResourceKey> touched = new java.util.TreeSet<>();
        for (ResourceKey key : before.keySet()) {
            if (after.get(key) != before.get(key)) {
                touched.add(key);
            }
        }
        for (ResourceKey key : after.keySet()) {
            if (!before.containsKey(key)) {
                touched.add(key);
            }
        }
        assertTrue(touched.containsAll(changes.keys()), when + ": " + changes + " beyond " + touched);
        for (ResourceKey key : touched) {
            boolean present = previous.get(key).isPresent() || now.get(key).isPresent();
            boolean sameContent = before.containsKey(key) && after.containsKey(key)
                    && withoutResourceVersion(before.get(key)).equals(withoutResourceVersion(after.get(key)));
            if (present && !sameContent) {
                assertTrue(changes.keys().contains(key), when + ": " + key + " changed and is not said");
            }
            if (sameContent) {
                assertTrue(!changes.keys().contains(key), when + ": " + key + " only got a new resourceVersion");
            }
        }
        boolean onlyRoutes = changes.keys().stream().allMatch(k -> previous.get(k).map(o -> o instanceof HTTPRoute)
                .orElse(true) && now.get(k).map(o -> o instanceof HTTPRoute).orElse(true));
        assertEquals(onlyRoutes, changes.onlyHttpRoutes(), when + ": only HTTPRoutes");
    }

    private static ObjectNode withoutResourceVersion(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("resourceVersion");
        return copy;
    }

    /**
     * The objects of a list by identity, in order (a typed object keeps the resourceVersion it was first read
     * with: nothing reads it; what the objects say is compared through everything computed from them).
     */
    private static List<String> names(List<?> objects) {
        return objects.stream().map(o -> o instanceof io.fabric8.kubernetes.api.model.HasMetadata m
                ? m.getKind() + "/" + m.getMetadata().getNamespace() + "/" + m.getMetadata().getName()
                : String.valueOf(((dev.portolan.model.GenericObject) o).key())).toList();
    }

    /** A patched set lists what a set read from scratch lists, in the same order. */
    private static void assertSameSet(ResourceSet scratch, ResourceSet patched, String when) {
        assertEquals(names(scratch.gatewayClasses()), names(patched.gatewayClasses()), when + ": GatewayClasses");
        assertEquals(names(scratch.gateways()), names(patched.gateways()), when + ": Gateways");
        assertEquals(names(scratch.httpRoutes()), names(patched.httpRoutes()), when + ": HTTPRoutes");
        assertEquals(names(scratch.referenceGrants()), names(patched.referenceGrants()), when + ": ReferenceGrants");
        assertEquals(names(scratch.backendTlsPolicies()), names(patched.backendTlsPolicies()), when + ": BackendTLSPolicies");
        assertEquals(names(scratch.namespaces()), names(patched.namespaces()), when + ": Namespaces");
        assertEquals(names(scratch.services()), names(patched.services()), when + ": Services");
        assertEquals(names(scratch.endpointSlices()), names(patched.endpointSlices()), when + ": EndpointSlices");
        assertEquals(names(scratch.configMaps()), names(patched.configMaps()), when + ": ConfigMaps");
        assertEquals(names(scratch.secrets()), names(patched.secrets()), when + ": Secrets");
        assertEquals(names(scratch.customResourceDefinitions()), names(patched.customResourceDefinitions()), when + ": CRDs");
        assertEquals(names(scratch.otherObjects()), names(patched.otherObjects()), when + ": other objects");
        assertEquals(names(scratch.allButHttpRoutes()), names(patched.allButHttpRoutes()), when + ": all but HTTPRoutes");
        assertEquals(scratch.problems(), patched.problems(), when + ": problems");
    }

    /** Makes one random change as a store would and says what it did. */
    private static String change(Random random, SortedMap<ResourceKey, ObjectNode> objects,
                                 Map<ResourceKey, ObjectNode> removed, boolean routesOnly) {
        int kind = random.nextInt(10);
        if (kind == 0 && !removed.isEmpty()) {
            ResourceKey key = pick(random, new ArrayList<>(removed.keySet()));
            objects.put(key, removed.remove(key));
            return "re-created " + key;
        }
        if (objects.isEmpty()) {
            return "nothing to change";
        }
        List<ResourceKey> keys = new ArrayList<>(objects.keySet());
        // routes change most in real life
        List<ResourceKey> routes = keys.stream().filter(k -> k.kind().equals("HTTPRoute")).toList();
        if (routesOnly && routes.isEmpty()) {
            return "no HTTPRoute to change";
        }
        ResourceKey key = !routes.isEmpty() && (routesOnly || random.nextInt(3) > 0)
                ? pick(random, routes) : pick(random, keys);
        ObjectNode next = objects.get(key).deepCopy();
        ObjectNode metadata = (ObjectNode) next.get("metadata");
        switch (kind) {
            case 1 -> {
                removed.put(key, objects.remove(key));
                return "deleted " + key;
            }
            case 2, 3 -> {
                metadata.put("resourceVersion", String.valueOf(random.nextInt(1_000_000)));
                objects.put(key, next);
                return "rewrote " + key + " with only a new resourceVersion";
            }
            case 4 -> {
                metadata.with("labels").put("touched", "t" + random.nextInt(3));
                objects.put(key, next);
                return "labelled " + key;
            }
            default -> {
                String what = editSpec(random, next);
                metadata.put("generation", metadata.path("generation").asLong(1) + 1);
                objects.put(key, next);
                return "edited " + key + ": " + what;
            }
        }
    }

    /** A plausible spec edit: a string, number or list entry somewhere in the spec changes. */
    private static String editSpec(Random random, ObjectNode object) {
        JsonNode spec = object.get("spec");
        if (spec == null || spec.isEmpty()) {
            object.with("spec");
            return "empty spec added";
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(spec, containers);
        JsonNode target = pick(random, containers);
        if (target instanceof ObjectNode node) {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            String field = pick(random, fields);
            JsonNode value = node.get(field);
            if (value.isTextual()) {
                node.put(field, random.nextBoolean() ? value.asText() + "x" : "changed");
            } else if (value.isInt()) {
                node.put(field, value.asInt() + 1);
            } else if (value.isArray() && !value.isEmpty() && random.nextBoolean()) {
                ((ArrayNode) value).remove(random.nextInt(value.size()));
            } else {
                node.remove(field);
            }
            return field;
        }
        ArrayNode array = (ArrayNode) target;
        if (!array.isEmpty()) {
            array.add(array.get(random.nextInt(array.size())).deepCopy());
        }
        return "array entry duplicated";
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode() && !node.isEmpty()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collect(child, into));
        }
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static SortedMap<ResourceKey, ObjectNode> byKey(List<ObjectNode> manifests) {
        SortedMap<ResourceKey, ObjectNode> out = new TreeMap<>();
        for (ObjectNode manifest : manifests) {
            out.put(Manifests.keyOf(manifest), manifest);
        }
        return out;
    }

    /**
     * What the snapshot service keeps between rebuilds, and builds as it does: every other set is patched with the
     * manifests that changed since the last ({@link ResourceSet#patched}, as for a store that names them), the
     * others read from every manifest.
     */
    private static final class Incremental {
        private final TypedCache typed = new TypedCache();
        private final ControlPlanePipeline.Memo memo = new ControlPlanePipeline.Memo();
        private ResourceSet last;
        private ComputedState lastState;
        private SortedMap<ResourceKey, ObjectNode> lastObjects;
        private int builds;
        private int patchedBuilds;

        ComputedState compute(SortedMap<ResourceKey, ObjectNode> objects) {
            Optional<ResourceSet> patched = builds++ % 2 == 1
                    ? changedSinceLast(objects).flatMap(changed -> ResourceSet.patched(changed, typed))
                    : Optional.empty();
            patchedBuilds += patched.isPresent() ? 1 : 0;
            ResourceSet resources = patched.orElseGet(
                    () -> ResourceSet.of(BuiltInResources.withBuiltIns(objects.values()), typed));
            lastObjects = new TreeMap<>(objects);
            last = resources;
            lastState = ControlPlanePipeline.compute(resources, options(resources), memo);
            return lastState;
        }

        /** The manifest now at each key whose manifest is not the very one of the last build (null: gone). */
        private Optional<Map<ResourceKey, ObjectNode>> changedSinceLast(SortedMap<ResourceKey, ObjectNode> objects) {
            Map<ResourceKey, ObjectNode> changed = new HashMap<>();
            lastObjects.forEach((key, manifest) -> {
                if (objects.get(key) != manifest) {
                    changed.put(key, objects.get(key));
                }
            });
            objects.forEach((key, manifest) -> {
                if (!lastObjects.containsKey(key)) {
                    changed.put(key, manifest);
                }
            });
            return changed.keySet().stream().anyMatch(BuiltInResources::isBuiltIn) ? Optional.empty()
                    : Optional.of(changed);
        }
    }

    private static void assertSameAsFromScratch(SortedMap<ResourceKey, ObjectNode> objects, ComputedState incremental,
                                                String when) throws Exception {
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(objects.values()));
        ComputedState scratch = ControlPlanePipeline.compute(resources, options(resources));
        assertEquals(scratch.statuses(), incremental.statuses(), when + ": statuses");
        assertEquals(ProxyConfigCodec.toJson(scratch.translation().config()),
                ProxyConfigCodec.toJson(incremental.translation().config()), when + ": proxy config");
        assertEquals(scratch.translation().problems(), incremental.translation().problems(), when + ": problems");
        assertEquals(scratch.translation().disabledRules(), incremental.translation().disabledRules(),
                when + ": disabled rules");
        assertEquals(scratch.graph().gatewaysByService(), incremental.graph().gatewaysByService(), when);
        assertEquals(scratch.graph().gateways(), incremental.graph().gateways(), when + ": Gateway views");
        assertEquals(scratch.graph().routes(), incremental.graph().routes(), when + ": route views");
        assertSameReferences(scratch.graph().references(), incremental.graph().references(), when);
        // the whole policy report, which a rebuild patches for the routes that changed; but for resourceVersions:
        // a resourceVersion-only rewrite keeps the typed object (TypedCache), and the policy manifests the report
        // quotes keep the version they were read with
        assertEquals(withoutResourceVersions(scratch.policies()), withoutResourceVersions(incremental.policies()),
                when + ": policy report");
        assertEquals(scratch.policies().timeoutsByRule(), incremental.policies().timeoutsByRule(),
                when + ": timeouts by rule");
        assertEquals(Manifests.JSON.writeValueAsString(EffectiveReport.of(scratch)),
                Manifests.JSON.writeValueAsString(EffectiveReport.of(incremental)), when + ": effective report");
    }

    /** A patched reference index answers every question as one built from scratch. */
    private static void assertSameReferences(ReferenceIndex scratch, ReferenceIndex patched, String when) {
        assertEquals(scratch.all(), patched.all(), when + ": references");
        java.util.Set<ResourceKey> ends = new java.util.TreeSet<>();
        for (ReferenceIndex.Reference reference : scratch.all()) {
            assertEquals(scratch.locations(reference), patched.locations(reference), when + ": " + reference);
            assertEquals(scratch.grantsAdmitting(reference.from(), reference.field(), reference.to()),
                    patched.grantsAdmitting(reference.from(), reference.field(), reference.to()),
                    when + ": grants admitting " + reference);
            ends.add(reference.from());
            ends.add(reference.to());
        }
        for (ResourceKey key : ends) {
            assertEquals(scratch.referencesFrom(key), patched.referencesFrom(key), when + ": from " + key);
            assertEquals(scratch.referencesTo(key), patched.referencesTo(key), when + ": to " + key);
            assertEquals(scratch.grantsTo(key), patched.grantsTo(key), when + ": grants to " + key);
        }
    }

    /** The report as text, but for its index by rule (a hash map: compared as a map) and resourceVersions. */
    private static String withoutResourceVersions(PolicyReport report) {
        PolicyReport unindexed = new PolicyReport(report.policyCrds(), report.policies(), report.objects(),
                report.timeouts(), Map.of());
        return unindexed.toString().replaceAll(",?\"resourceVersion\":\"[^\"]*\"", "");
    }

    /** Addresses 127.0.0.10, .11, ... by Gateway key order, as the golden test gives them. */
    private static GraphOptions options(ResourceSet resources) {
        List<ResourceKey> gateways = resources.gateways().stream()
                .map(g -> ResourceKey.of("gateway.networking.k8s.io", "Gateway", g.getMetadata().getNamespace(),
                        g.getMetadata().getName()))
                .sorted(Comparator.naturalOrder())
                .toList();
        return new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, GoldenGraphTest.NOW, key -> {
            int index = gateways.indexOf(key);
            return index < 0 ? Optional.empty() : Optional.of("127.0.0." + (10 + index));
        });
    }
}
