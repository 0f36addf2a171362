package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void wellFormedIdsAreKept() {
        for (String id : new String[] {"0f8fad5b-d9cb-469f-a165-70867728950e", "abc", "Root-1-5759e988:x_y.z",
                "a".repeat(128)}) {
            assertEquals(id, RequestIds.keepOrGenerate(id));
        }
    }

    @Test
    void anythingElseIsReplaced() {
        for (String id : new String[] {null, "", " ", "a b", "a\"b", "a\nb", "a\u00e9", "a/b", "a".repeat(129),
                "{\"x\":1}"}) {
            String out = RequestIds.keepOrGenerate(id);
            assertTrue(out.matches("[0-9a-f]{32}"), id + " -> " + out);
        }
    }

    @Test
    void generatedIdsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(RequestIds.generate()));
        }
        assertFalse(seen.contains(null));
    }
}
