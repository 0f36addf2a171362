package dev.portolan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.ResourceGraph;
import dev.portolan.model.Manifests;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.translate.Translation;
import dev.portolan.translate.TranslationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The parts of {@link TranslationStatuses} the golden scenarios cannot reach: listener problems, long messages. */
class TranslationStatusesTest {
    private static final ResourceKey GATEWAY = ResourceKey.of("gateway.networking.k8s.io", "Gateway", "ns", "gw");
    private static final ResourceKey ROUTE = ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "ns", "r");
    private static final ResourceGraph EMPTY = new ResourceGraph(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), dev.portolan.graph.ReferenceIndex.EMPTY);

    @Test
    void aListenerTheProxyLeavesOutIsNotProgrammedAndItsNeighbourIsUntouched() throws Exception {
        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        ObjectNode original = (ObjectNode) Manifests.JSON.readTree("""
                {"listeners": [
                  {"name": "odd", "conditions": [
                    {"type": "Accepted", "status": "True", "reason": "Accepted", "message": "ok", "observedGeneration": 3},
                    {"type": "Programmed", "status": "True", "reason": "Programmed", "message": "ok", "observedGeneration": 3}]},
                  {"name": "fine", "conditions": [
                    {"type": "Programmed", "status": "True", "reason": "Programmed", "message": "ok", "observedGeneration": 3}]}]}
                """);
        statuses.put(GATEWAY, original);

        statuses = TranslationStatuses.apply(VersionedMap.of(statuses), translation(new TranslationProblem(GATEWAY, "spec.listeners[odd].protocol",
                "protocol TCP is not served by the Portolan proxy; the listener is left out")), EMPTY);

        JsonNode odd = statuses.get(GATEWAY).path("listeners").get(0).path("conditions").get(1);
        assertEquals("Programmed", odd.path("type").asText());
        assertEquals("False", odd.path("status").asText());
        assertEquals("Invalid", odd.path("reason").asText());
        assertEquals(3, odd.path("observedGeneration").asInt());
        assertEquals("spec.listeners[odd].protocol: protocol TCP is not served by the Portolan proxy; the listener is "
                + "left out", odd.path("message").asText());
        assertEquals("True", statuses.get(GATEWAY).path("listeners").get(1).path("conditions").get(0).path("status")
                .asText());
        assertEquals("True", original.path("listeners").get(0).path("conditions").get(1).path("status").asText(),
                "the computed status it started from is not changed in place");
    }

    @Test
    void manyProblemsAreCutToABoundedMessageThatSaysHowManyWereLeftOut() throws Exception {
        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        statuses.put(ROUTE, (ObjectNode) Manifests.JSON.readTree("""
                {"parents": [{"conditions": [{"type": "Accepted", "status": "True", "reason": "Accepted", "message": "ok"}]}]}
                """));
        List<TranslationProblem> problems = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            problems.add(new TranslationProblem(ROUTE, "spec.rules[" + i + "].filters[0]",
                    "filter type ExtensionRef is not supported by the Portolan proxy"));
        }

        statuses = TranslationStatuses.apply(VersionedMap.of(statuses),
                translation(problems.toArray(new TranslationProblem[0])), EMPTY);

        JsonNode partly = statuses.get(ROUTE).path("parents").get(0).path("conditions").get(1);
        assertEquals("PartiallyInvalid", partly.path("type").asText());
        assertEquals("UnsupportedValue", partly.path("reason").asText());
        String message = partly.path("message").asText();
        assertTrue(message.length() <= TranslationStatuses.MAX_MESSAGE + 20, message.length() + ": " + message);
        assertTrue(message.matches(".* \\(and \\d+ more\\)$"), message);
    }

    private static Translation translation(TranslationProblem... problems) {
        return new Translation(ProxyConfig.of(List.of()), List.of(problems));
    }
}
