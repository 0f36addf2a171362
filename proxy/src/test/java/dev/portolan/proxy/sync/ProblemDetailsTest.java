package dev.portolan.proxy.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProblemDetailsTest {
    @Test
    void problemJsonGivesItsDetailElseItsTitle() {
        assertEquals("token expired", ProblemDetails.of("application/problem+json",
                "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"token expired\"}"));
        assertEquals("Forbidden", ProblemDetails.of("application/problem+json;charset=utf-8",
                "{\"title\":\"Forbidden\",\"status\":403}"));
        assertEquals("Gateway not found", ProblemDetails.of("application/json", "{\"message\":\"Gateway not found\"}"));
        assertNull(ProblemDetails.of("application/json", "{\"status\":500}"));
    }

    @Test
    void plainTextIsShortenedToOneLineAndOtherBodiesAreLeftOut() {
        assertEquals("bad gateway parameter", ProblemDetails.of("text/plain", "bad gateway\n  parameter\n"));
        assertEquals("x".repeat(200) + "...", ProblemDetails.of("text/plain", "x".repeat(500)));
        assertNull(ProblemDetails.of("text/html", "<html>error</html>"));
        assertNull(ProblemDetails.of("application/json", ""));
    }
}
