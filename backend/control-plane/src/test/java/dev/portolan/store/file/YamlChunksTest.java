package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlChunksTest {
    @Test
    void splitsOnMarkersAndSkipsDocumentsWithoutContent() {
        String text = "# header\n---\na: 1\n--- # second\nb: 2\n---\n# only a comment\n---\nc: |\n  ---x\n";
        List<YamlChunks.Chunk> chunks = YamlChunks.split(text);
        assertEquals(3, chunks.size());
        assertEquals("---\na: 1\n", chunks.get(0).text(text));
        assertEquals(2, chunks.get(0).firstLine());
        assertEquals("--- # second\nb: 2\n", chunks.get(1).text(text));
        assertEquals(4, chunks.get(1).firstLine());
        assertEquals("---\nc: |\n  ---x\n", chunks.get(2).text(text));
        assertEquals(8, chunks.get(2).firstLine());
        assertTrue(chunks.get(2).marker());
    }

    @Test
    void aFileWithoutMarkersIsOneDocument() {
        String text = "a: 1\nb: ---not-a-marker\n----\n";
        List<YamlChunks.Chunk> chunks = YamlChunks.split(text);
        assertEquals(1, chunks.size());
        assertFalse(chunks.get(0).marker());
        assertEquals(text, chunks.get(0).text(text));
    }

    @Test
    void anEmptyFileHasNoDocuments() {
        assertEquals(List.of(), YamlChunks.split(""));
        assertEquals(List.of(), YamlChunks.split("---\n---\n# nothing\n"));
    }
}
