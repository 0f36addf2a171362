package dev.portolan.snapshot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class SameStatusTest {
    private static ObjectNode computed(long generation, String reason) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.putArray("conditions").addObject().put("type", "Accepted").put("reason", reason)
                .put("observedGeneration", generation);
        return status;
    }

    @Test
    void aStatusReadBackFromJsonIsTheSameAsTheComputedOne() throws Exception {
        ObjectNode stored = (ObjectNode) Manifests.JSON.readTree(
                "{\"conditions\":[{\"observedGeneration\":3,\"reason\":\"Accepted\",\"type\":\"Accepted\"}]}");
        assertFalse(computed(3, "Accepted").equals(stored), "Jackson tells the long from the int");
        assertTrue(SameStatus.same(computed(3, "Accepted"), stored), "but the content is the same");
    }

    @Test
    void anEmptyListTheServerDroppedIsTheSameAsNoList() throws Exception {
        ObjectNode fresh = computed(1, "Accepted");
        fresh.putArray("addresses");
        ObjectNode stored = (ObjectNode) Manifests.JSON.readTree(
                "{\"conditions\":[{\"observedGeneration\":1,\"reason\":\"Accepted\",\"type\":\"Accepted\"}]}");
        assertTrue(SameStatus.same(fresh, stored));
        fresh.withArray("addresses").addObject().put("type", "IPAddress").put("value", "10.0.0.1");
        assertFalse(SameStatus.same(fresh, stored), "a real address is a change");
    }

    @Test
    void aDifferentValueIsADifferentStatus() throws Exception {
        ObjectNode stored = (ObjectNode) Manifests.JSON.readTree(
                "{\"conditions\":[{\"observedGeneration\":3,\"reason\":\"Accepted\",\"type\":\"Accepted\"}]}");
        assertFalse(SameStatus.same(computed(4, "Accepted"), stored));
        assertFalse(SameStatus.same(computed(3, "NotAllowedByListeners"), stored));
        assertFalse(SameStatus.same(computed(3, "Accepted"), null));
    }
}
