package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FieldLinesTest {
    private static final String DOC = """
            ---
            kind: Gateway
            spec:
              listeners:
              - name: a
                port: 80
              - name: b
                port: x
                tls:
                  certificateRefs: [{name: one}, {name: 2}]
            """;

    @Test
    void findsFieldsInsideListsAndMappings() {
        assertEquals(2, FieldLines.lineOf(DOC, "kind", false));
        assertEquals(6, FieldLines.lineOf(DOC, "spec.listeners[0].port", false));
        assertEquals(8, FieldLines.lineOf(DOC, "spec.listeners[1].port", false));
        assertEquals(7, FieldLines.lineOf(DOC, "spec.listeners[1]", false));
        assertEquals(10, FieldLines.lineOf(DOC, "spec.listeners[1].tls.certificateRefs[1].name", false));
    }

    @Test
    void fallsBackToTheDeepestFieldPresent() {
        assertEquals(9, FieldLines.lineOf(DOC, "spec.listeners[1].tls.options", false));
        assertEquals(-1, FieldLines.lineOf(DOC, "status.conditions", false));
        assertEquals(-1, FieldLines.lineOf(DOC, "", false));
    }

    @Test
    void worksForJson() {
        String json = "{\n  \"spec\": {\n    \"ports\": [\n      {\"port\": \"x\"}\n    ]\n  }\n}\n";
        assertEquals(4, FieldLines.lineOf(json, "spec.ports[0].port", true));
    }
}
