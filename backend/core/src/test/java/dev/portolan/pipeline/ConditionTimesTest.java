package dev.portolan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class ConditionTimesTest {

    private static ObjectNode yaml(String text) throws Exception {
        return (ObjectNode) Manifests.YAML.readTree(text);
    }

    @Test
    void keepsTimeOfUnchangedConditionsAndTakesNewTimeOfFlippedOnes() throws Exception {
        ObjectNode old = yaml("""
                parents:
                - parentRef: {name: gw-a}
                  conditions:
                  - {type: Accepted, status: "True", reason: Accepted, lastTransitionTime: "2026-01-01T00:00:00Z"}
                  - {type: ResolvedRefs, status: "True", reason: ResolvedRefs, lastTransitionTime: "2026-01-01T00:00:00Z"}
                - parentRef: {name: gw-b}
                  conditions:
                  - {type: Accepted, status: "True", reason: Accepted, lastTransitionTime: "2026-01-02T00:00:00Z"}
                """);
        ObjectNode fresh = yaml("""
                parents:
                - parentRef: {name: gw-b}
                  conditions:
                  - {type: Accepted, status: "True", reason: Accepted, lastTransitionTime: "2026-05-05T00:00:00Z"}
                - parentRef: {name: gw-a}
                  conditions:
                  - {type: Accepted, status: "True", reason: Accepted, lastTransitionTime: "2026-05-05T00:00:00Z"}
                  - {type: ResolvedRefs, status: "False", reason: BackendNotFound, lastTransitionTime: "2026-05-05T00:00:00Z"}
                """);

        ConditionTimes.carryOver(old, fresh);

        assertEquals("2026-01-02T00:00:00Z", fresh.at("/parents/0/conditions/0/lastTransitionTime").asText());
        assertEquals("2026-01-01T00:00:00Z", fresh.at("/parents/1/conditions/0/lastTransitionTime").asText());
        assertEquals("2026-05-05T00:00:00Z", fresh.at("/parents/1/conditions/1/lastTransitionTime").asText(),
                "a condition whose status flipped gets the new time");
    }

    @Test
    void listenersArePairedByName() throws Exception {
        ObjectNode old = yaml("""
                listeners:
                - name: http
                  conditions: [{type: Programmed, status: "True", lastTransitionTime: "2026-01-01T00:00:00Z"}]
                """);
        ObjectNode fresh = yaml("""
                listeners:
                - name: https
                  conditions: [{type: Programmed, status: "True", lastTransitionTime: "2026-05-05T00:00:00Z"}]
                - name: http
                  conditions: [{type: Programmed, status: "True", lastTransitionTime: "2026-05-05T00:00:00Z"}]
                """);

        ConditionTimes.carryOver(old, fresh);

        assertEquals("2026-05-05T00:00:00Z", fresh.at("/listeners/0/conditions/0/lastTransitionTime").asText());
        assertEquals("2026-01-01T00:00:00Z", fresh.at("/listeners/1/conditions/0/lastTransitionTime").asText());
    }
}
