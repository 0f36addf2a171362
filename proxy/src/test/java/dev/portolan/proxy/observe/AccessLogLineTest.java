package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogLineTest {
    @Test
    void valuesCannotBreakTheJsonOrForgeALine() throws Exception {
        String hostile = "/a\"},{\"status\":200\n{\"x\":\"\\\u0000\u2028";
        String json = new AccessLogLine(Instant.parse("2026-01-02T03:04:05Z"), "ns/gw", null, null, -1, "GET",
                hostile, 404, 1.23456, 17, null, "id-1", "127.0.0.1:5000").toJson();

        assertFalse(json.contains("\n"), json);
        assertFalse(json.contains("\u2028"), json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals(hostile, node.get("path").asText());
        assertEquals(404, node.get("status").asInt());
        assertEquals(1.235, node.get("duration_ms").asDouble());
        assertEquals("2026-01-02T03:04:05Z", node.get("time").asText());
        assertEquals(13, node.size());
        assertEquals(true, node.get("rule").isNull());
    }
}
