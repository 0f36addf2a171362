package dev.portolan.model.reading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile texts cost milliseconds to read, and what is refused is said without quoting the text. */
class BoundedReadingTest {
    private static final long BOUND_MILLIS = 2000;

    private static long millis(Runnable read) {
        long start = System.nanoTime();
        read.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static ReadFailure failure(String yaml) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> Manifests.YAML.readTree(yaml));
        return ReadFailure.of(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"double", "single", "plain", "block"})
    void aLongScalarIsReadInLinearTime(String style) {
        String value = "abcdefghij".repeat(290 * 1024);
        String yaml = switch (style) {
            case "double" -> "k: \"" + value + "\"\n";
            case "single" -> "k: '" + value + "'\n";
            case "plain" -> "k: " + value + "\n";
            default -> "k: |\n  " + value + "\n";
        };
        // SnakeYAML's own reader took ~2 s for 2 MB and grew with the square of the length
        long took = millis(() -> assertThrows(JsonProcessingException.class, () -> Manifests.YAML.readTree(yaml)));
        assertTrue(took < BOUND_MILLIS, style + " 2.9 MiB scalar took " + took + " ms");
    }

    @Test
    void aliasesAreRefusedSoBillionLaughsCostsNothing() {
        StringBuilder laughs = new StringBuilder("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            laughs.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }
        long took = millis(() -> assertTrue(failure(laughs.toString()).reason().contains("aliases")));
        assertTrue(took < BOUND_MILLIS, took + " ms");
        assertEquals(2, failure(laughs.toString()).line());
    }

    @Test
    void deepNestingStopsAtTheLimit() {
        String deep = "k: " + "[".repeat(10_000) + "]".repeat(10_000);
        long took = millis(() -> assertTrue(failure(deep).reason().contains("nesting depth")));
        assertTrue(took < BOUND_MILLIS, took + " ms");
        assertThrows(JsonProcessingException.class, () -> Manifests.JSON.readTree("[".repeat(10_000)));
    }

    @Test
    void aTextOverTheLimitIsRefusedWhileReading() {
        String big = "k: " + "x".repeat(ReadLimits.MAX_TEXT_CHARS) + "\n";
        long took = millis(() -> assertTrue(failure(big).reason().contains("longer than 3 MiB")));
        assertTrue(took < BOUND_MILLIS, took + " ms");
    }

    @Test
    void manySmallDocumentsReadInLinearTime() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; many.length() < 2_900 * 1024; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m").append(i).append('\n');
        }
        long start = System.nanoTime();
        int count = 0;
        try (MappingIterator<JsonNode> documents = Manifests.YAML.readerFor(JsonNode.class)
                .readValues(many.toString())) {
            while (documents.hasNextValue()) {
                documents.nextValue();
                count++;
            }
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(count > 40_000, count + " documents");
        assertTrue(took < BOUND_MILLIS, count + " documents took " + took + " ms");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKeyInYamlAndJson() {
        ReadFailure yaml = failure("metadata:\n  labels:\n    app: a\n    app: b\n");
        assertEquals("metadata.labels.app", yaml.field());
        assertEquals(4, yaml.line());
        ReadFailure json = ReadFailure.of(assertThrows(JsonProcessingException.class,
                () -> Manifests.JSON.readTree("{\"spec\": {\"rules\": [{\"a\": 1, \"a\": 2}]}}")));
        assertEquals("spec.rules[0].a", json.field());
    }

    @Test
    void failuresNeverQuoteTheText() {
        ReadFailure unterminated = failure("kind: Secret\nstringData:\n  password: \"hunter2-secret\n");
        assertFalse(unterminated.reason().contains("hunter2"), unterminated.reason());
        assertTrue(unterminated.line() > 0);
        ReadFailure token = ReadFailure.of(assertThrows(JsonProcessingException.class,
                () -> Manifests.JSON.readTree("{\"data\": {\"password\": hunter2-secret}}")));
        assertFalse(token.reason().contains("hunter2"), token.reason());
        ReadFailure control = failure("password: \"a\u0007hunter2\"\n");
        assertTrue(control.reason().contains("U+0007"), control.reason());
        assertFalse(control.reason().contains("hunter2"), control.reason());
    }

    @Test
    void validManifestsReadAsBefore() throws IOException {
        JsonNode node = Manifests.YAML.readTree("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  a: "x\\ty"
                  b: |
                    line one
                    line two
                  'c': plain text
                """);
        assertEquals("x\ty", node.at("/data/a").asText());
        assertEquals("line one\nline two\n", node.at("/data/b").asText());
        assertEquals("plain text", node.at("/data/c").asText());
    }
}
