package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Evaluates the status steps of a conformance case (rules: {@code cases/README.md}) against status objects, however
 * they were obtained (computed graph, REST API, cluster). Each check throws {@link AssertionError} naming the object,
 * the field and what differs.
 */
public final class ConformanceStatusChecks {
    public static final Set<String> STATUS_STEPS = Set.of("waitNamespacesReady", "waitGatewayAndRoutesAccepted",
            "expectRouteCondition", "expectRouteParents", "expectRouteNoAcceptedParents", "expectGatewayZeroRoutes",
            "expectGatewayListeners", "expectGatewayCondition", "expectGatewayClassCondition", "expectGatewayAddress",
            "expectLatestObservedGeneration", "expectBackendTLSPolicyCondition");
    private static final String SKIP_READINESS = "gateway-api/skip-this-for-readiness";

    private final Function<ResourceKey, Optional<ObjectNode>> objects;
    private final Supplier<Collection<ResourceKey>> knownKeys;
    private final String controllerName;

    /**
     * @param objects    the implementation's current object (metadata + status) for a key
     * @param knownKeys  every object the run created (to find the Gateways of {@code waitNamespacesReady})
     */
    public ConformanceStatusChecks(Function<ResourceKey, Optional<ObjectNode>> objects,
                                   Supplier<Collection<ResourceKey>> knownKeys, String controllerName) {
        this.objects = objects;
        this.knownKeys = knownKeys;
        this.controllerName = controllerName;
    }

    public void check(JsonNode step) {
        switch (step.path("type").asText()) {
            case "waitNamespacesReady" -> namespacesReady(step);
            case "waitGatewayAndRoutesAccepted" -> gatewayAndRoutesAccepted(step);
            case "expectRouteCondition" -> routeCondition(step);
            case "expectRouteParents" -> routeParents(step);
            case "expectRouteNoAcceptedParents" -> routeNoAcceptedParents(step);
            case "expectGatewayZeroRoutes" -> gatewayZeroRoutes(step);
            case "expectGatewayListeners" -> gatewayListeners(step);
            case "expectGatewayCondition" -> expectCondition(ObjectReferences.gatewayKey(step.path("gateway").asText()), step.path("condition"));
            case "expectGatewayClassCondition" -> expectCondition(ObjectReferences.key(ApiGroups.GATEWAY_CLASS, step.path("gatewayClass").asText()),
                    step.path("condition"));
            case "expectGatewayAddress" -> gatewayAddress(ObjectReferences.gatewayKey(step.path("gateway").asText()));
            case "expectLatestObservedGeneration" -> latestObservedGeneration(step);
            case "expectBackendTLSPolicyCondition" -> backendTlsPolicyCondition(step);
            default -> throw new IllegalArgumentException("not a status step: " + step.path("type").asText());
        }
    }

    private void namespacesReady(JsonNode step) {
        Set<String> namespaces = new TreeSet<>();
        step.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        for (ResourceKey gateway : new TreeSet<>(knownKeys.get())) {
            if (!gateway.group().equals(ApiGroups.GATEWAY) || !gateway.kind().equals(ApiGroups.GATEWAY_KIND)
                    || !namespaces.contains(gateway.namespace())) {
                continue;
            }
            Optional<ObjectNode> object = objects.apply(gateway);
            if (object.isEmpty() || "true".equals(object.get().path("metadata").path("annotations").path(SKIP_READINESS).asText())) {
                continue;
            }
            JsonNode conditions = status(gateway).path("conditions");
            String where = gateway + " status.conditions";
            expectCondition(conditions, condition("Accepted", "True", null), where, generation(gateway));
            expectCondition(conditions, condition("Programmed", "True", null), where, generation(gateway));
        }
    }

    private void gatewayAndRoutesAccepted(JsonNode step) {
        ResourceKey gateway = ObjectReferences.gatewayKey(step.path("gateway").asText());
        gatewayAddress(gateway);
        JsonNode status = status(gateway);
        long generation = generation(gateway);
        Set<String> onlyListeners = new TreeSet<>();
        step.path("listeners").forEach(l -> onlyListeners.add(l.asText()));
        for (JsonNode listener : status.path("listeners")) {
            String name = listener.path("name").asText();
            if (!onlyListeners.isEmpty() && !onlyListeners.contains(name)) {
                continue;
            }
            String where = gateway + " listener " + name;
            for (String type : List.of("Accepted", "ResolvedRefs", "Programmed")) {
                expectCondition(listener.path("conditions"), condition(type, "True", null), where, generation);
            }
        }
        String routeKind = step.path("routeKind").asText(ApiGroups.HTTP_ROUTE);
        for (JsonNode route : step.path("routes")) {
            ResourceKey routeKey = ObjectReferences.key(routeKind, route.asText());
            JsonNode parent = parentEntry(routeKey, gateway);
            String where = routeKey + " status.parents[" + gateway.namespacedName() + "]";
            expectEquals(ApiGroups.GATEWAY, parent.path("parentRef").path("group").asText(null), where + ".parentRef.group");
            expectEquals(ApiGroups.GATEWAY_KIND, parent.path("parentRef").path("kind").asText(null), where + ".parentRef.kind");
            expectEquals(controllerName, parent.path("controllerName").asText(null), where + ".controllerName");
            expectCondition(parent.path("conditions"), condition("Accepted", "True", "Accepted"), where,
                    generation(routeKey));
        }
    }

    private void routeCondition(JsonNode step) {
        ResourceKey route = ObjectReferences.key(ApiGroups.HTTP_ROUTE, step.path("route").asText());
        ResourceKey gateway = ObjectReferences.gatewayKey(step.path("gateway").asText());
        expectCondition(parentEntry(route, gateway).path("conditions"), step.path("condition"),
                route + " status.parents[" + gateway.namespacedName() + "]", generation(route));
    }

    private void routeParents(JsonNode step) {
        ResourceKey route = ObjectReferences.key(ApiGroups.HTTP_ROUTE, step.path("route").asText());
        JsonNode actual = status(route).path("parents");
        JsonNode expected = step.path("parents");
        if (actual.size() != expected.size()) {
            throw new AssertionError(route + " status.parents has " + actual.size() + " entries, expected "
                    + expected.size() + ": " + actual);
        }
        for (JsonNode wanted : expected) {
            JsonNode ref = wanted.path("parentRef");
            ResourceKey gateway = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, ref.path("namespace").asText(route.namespace()),
                    ref.path("name").asText());
            JsonNode parent = parentEntry(route, gateway);
            String where = route + " status.parents[" + gateway.namespacedName() + "]";
            if (step.path("namespaceRequired").asBoolean(false) && !parent.path("parentRef").hasNonNull("namespace")) {
                throw new AssertionError(where + ".parentRef.namespace must be set");
            }
            for (String field : List.of("group", "kind", "sectionName", "port")) {
                if (ref.hasNonNull(field)) {
                    expectEquals(ref.get(field).asText(), parent.path("parentRef").path(field).asText(null),
                            where + ".parentRef." + field);
                }
            }
            expectEquals(wanted.path("controllerName").asText().replace("{GATEWAY_CONTROLLER_NAME}", controllerName),
                    parent.path("controllerName").asText(null), where + ".controllerName");
            for (JsonNode condition : wanted.path("conditions")) {
                expectCondition(parent.path("conditions"), condition, where, generation(route));
            }
        }
    }

    private void routeNoAcceptedParents(JsonNode step) {
        ResourceKey route = ObjectReferences.key(ApiGroups.HTTP_ROUTE, step.path("route").asText());
        JsonNode parents = objects.apply(route).map(o -> o.path("status").path("parents")).orElse(null);
        if (parents == null || parents.isEmpty()) {
            return;
        }
        if (parents.size() != 1 || conditionOf(parents.get(0).path("conditions"), "Accepted")
                .map(c -> !c.path("status").asText().equals("False")).orElse(true)) {
            throw new AssertionError(route + " status.parents must be empty or one entry with Accepted=False: " + parents);
        }
    }

    private void gatewayZeroRoutes(JsonNode step) {
        ResourceKey gateway = ObjectReferences.gatewayKey(step.path("gateway").asText());
        JsonNode listeners = status(gateway).path("listeners");
        if (listeners.isEmpty()) {
            return;
        }
        if (listeners.size() != 1 || listeners.get(0).path("attachedRoutes").asInt(-1) != 0) {
            throw new AssertionError(gateway + " status.listeners must be empty or one listener with attachedRoutes 0: " + listeners);
        }
    }

    private void gatewayListeners(JsonNode step) {
        ResourceKey gateway = ObjectReferences.gatewayKey(step.path("gateway").asText());
        JsonNode actual = status(gateway).path("listeners");
        Set<String> actualNames = new TreeSet<>();
        actual.forEach(l -> actualNames.add(l.path("name").asText()));
        Set<String> expectedNames = new TreeSet<>();
        step.path("listeners").forEach(l -> expectedNames.add(l.path("name").asText()));
        expectEquals(expectedNames.toString(), actualNames.toString(), gateway + " status.listeners[].name");
        for (JsonNode wanted : step.path("listeners")) {
            String name = wanted.path("name").asText();
            JsonNode listener = find(actual, l -> l.path("name").asText().equals(name)).orElseThrow();
            String where = gateway + " listener " + name;
            expectEquals(wanted.path("attachedRoutes").asText(), listener.path("attachedRoutes").asText(null), where + ".attachedRoutes");
            JsonNode kinds = listener.path("supportedKinds");
            if (wanted.path("supportedKinds").isEmpty() && !kinds.isEmpty()) {
                throw new AssertionError(where + ".supportedKinds must be empty, is " + kinds);
            }
            for (JsonNode kind : wanted.path("supportedKinds")) {
                String group = kind.path("group").asText(ApiGroups.GATEWAY);
                if (find(kinds, k -> k.path("group").asText(ApiGroups.GATEWAY).equals(group)
                        && k.path("kind").asText().equals(kind.path("kind").asText())).isEmpty()) {
                    throw new AssertionError(where + ".supportedKinds " + kinds + " lacks " + kind);
                }
            }
            for (JsonNode condition : wanted.path("conditions")) {
                expectCondition(listener.path("conditions"), condition, where, generation(gateway));
            }
        }
    }

    private void gatewayAddress(ResourceKey gateway) {
        JsonNode addresses = status(gateway).path("addresses");
        if (find(addresses, a -> !a.path("type").asText("").isEmpty()).isEmpty()) {
            throw new AssertionError(gateway + " status.addresses has no entry with a type: " + addresses);
        }
    }

    private void latestObservedGeneration(JsonNode step) {
        ResourceKey key = ObjectReferences.keyOfReference(step.path("object"));
        expectObservedGeneration(status(key).path("conditions"), generation(key), key + " status.conditions");
    }

    private void backendTlsPolicyCondition(JsonNode step) {
        ResourceKey policy = ObjectReferences.key(ApiGroups.BACKEND_TLS_POLICY, step.path("policy").asText());
        ResourceKey gateway = ObjectReferences.gatewayKey(step.path("ancestorGateway").asText());
        JsonNode ancestor = find(status(policy).path("ancestors"),
                a -> a.path("ancestorRef").path("name").asText().equals(gateway.name()))
                .orElseThrow(() -> new AssertionError(policy + " status.ancestors has no entry for " + gateway));
        expectCondition(ancestor.path("conditions"), step.path("condition"),
                policy + " status.ancestors[" + gateway.namespacedName() + "]", generation(policy));
    }

    private void expectCondition(ResourceKey key, JsonNode expected) {
        expectCondition(status(key).path("conditions"), expected, key + " status.conditions", generation(key));
    }

    /** The condition is present (status/reason unless null) and every condition has the latest observedGeneration. */
    private static void expectCondition(JsonNode conditions, JsonNode expected, String where, long generation) {
        String type = expected.path("type").asText();
        JsonNode actual = conditionOf(conditions, type)
                .orElseThrow(() -> new AssertionError(where + " has no " + type + " condition: " + conditions));
        for (String field : List.of("status", "reason")) {
            if (expected.hasNonNull(field)) {
                expectEquals(expected.get(field).asText(), actual.path(field).asText(null), where + " " + type + "." + field
                        + " (message: " + actual.path("message").asText() + ")");
            }
        }
        expectObservedGeneration(conditions, generation, where);
    }

    private static void expectObservedGeneration(JsonNode conditions, long generation, String where) {
        for (JsonNode condition : conditions) {
            if (condition.path("observedGeneration").asLong(-1) != generation) {
                throw new AssertionError(where + " " + condition.path("type").asText() + ".observedGeneration is "
                        + condition.path("observedGeneration") + ", metadata.generation is " + generation);
            }
        }
    }

    private JsonNode parentEntry(ResourceKey route, ResourceKey gateway) {
        JsonNode parents = status(route).path("parents");
        return find(parents, p -> p.path("parentRef").path("name").asText().equals(gateway.name())
                && p.path("parentRef").path("namespace").asText(route.namespace()).equals(gateway.namespace()))
                .orElseThrow(() -> new AssertionError(route + " status.parents has no entry for " + gateway + ": " + parents));
    }

    private JsonNode status(ResourceKey key) {
        ObjectNode object = objects.apply(key).orElseThrow(() -> new AssertionError(key + " does not exist"));
        if (!object.hasNonNull("status")) {
            throw new AssertionError(key + " has no status");
        }
        return object.get("status");
    }

    private long generation(ResourceKey key) {
        return objects.apply(key).orElseThrow(() -> new AssertionError(key + " does not exist"))
                .path("metadata").path("generation").asLong();
    }

    private static Optional<JsonNode> conditionOf(JsonNode conditions, String type) {
        return find(conditions, c -> c.path("type").asText().equals(type));
    }

    private static Optional<JsonNode> find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        List<JsonNode> matches = new ArrayList<>();
        array.forEach(n -> {
            if (test.test(n)) {
                matches.add(n);
            }
        });
        return matches.stream().findFirst();
    }

    private static JsonNode condition(String type, String status, String reason) {
        com.fasterxml.jackson.databind.node.ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("type", type).put("status", status).put("reason", reason);
        return node;
    }

    private static void expectEquals(String expected, String actual, String where) {
        if (!expected.equals(actual)) {
            throw new AssertionError(where + " is " + actual + ", expected " + expected);
        }
    }
}
