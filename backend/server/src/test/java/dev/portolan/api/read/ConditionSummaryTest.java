package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class ConditionSummaryTest {
    @Test
    void countsGiveTrueFalsePartialUnknown() {
        assertEquals("True", ConditionSummary.of(2, 0, 0));
        assertEquals("False", ConditionSummary.of(0, 3, 0));
        assertEquals("Partial", ConditionSummary.of(1, 1, 0));
        assertEquals("Partial", ConditionSummary.of(1, 0, 1));
        assertEquals("Partial", ConditionSummary.of(0, 1, 1));
        assertEquals("Unknown", ConditionSummary.of(0, 0, 2));
        assertEquals("Unknown", ConditionSummary.of(0, 0, 0));
    }

    @Test
    void overStatusParents() throws Exception {
        JsonNode parents = Manifests.JSON.readTree("""
                [{"parentRef": {"name": "a"}, "conditions": [
                    {"type": "Accepted", "status": "True"}, {"type": "ResolvedRefs", "status": "False"}]},
                 {"parentRef": {"name": "b"}, "conditions": [
                    {"type": "Accepted", "status": "False"}, {"type": "ResolvedRefs", "status": "False"}]}]
                """);
        assertEquals("Partial", ConditionSummary.over(parents, "Accepted"));
        assertEquals("False", ConditionSummary.over(parents, "ResolvedRefs"));
        assertEquals("Unknown", ConditionSummary.over(parents, "Programmed"));
        assertEquals("Unknown", ConditionSummary.over(Manifests.JSON.readTree("[]"), "Accepted"));
    }
}
