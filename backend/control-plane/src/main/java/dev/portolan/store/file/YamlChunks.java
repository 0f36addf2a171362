package dev.portolan.store.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a YAML stream into its documents as text, so that one document can be parsed, reported on and replaced
 * without touching the others. A line starting with {@code ---} at column 0 starts a document (YAML forbids that
 * marker inside a document, block scalars included). Chunks holding only blank lines and comments are no documents.
 */
final class YamlChunks {
    /**
     * One document's text.
     *
     * @param start      offset of the first character (the {@code ---} line when there is one)
     * @param end        offset just past the last character
     * @param firstLine  1-based line number of {@code start}
     * @param marker     whether the chunk begins with a {@code ---} line
     */
    record Chunk(int start, int end, int firstLine, boolean marker) {
        String text(String whole) {
            return whole.substring(start, end);
        }
    }

    private YamlChunks() {
    }

    /** The content-bearing documents of a YAML stream, in order. */
    static List<Chunk> split(String text) {
        List<Chunk> chunks = new ArrayList<>();
        int chunkStart = 0;
        int chunkLine = 1;
        boolean chunkMarker = false;
        int line = 1;
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            int next = eol < 0 ? text.length() : eol + 1;
            if (pos > 0 && isMarker(text, pos, eol < 0 ? text.length() : eol)) {
                addIfContent(chunks, text, new Chunk(chunkStart, pos, chunkLine, chunkMarker));
                chunkStart = pos;
                chunkLine = line;
                chunkMarker = true;
            } else if (pos == 0 && isMarker(text, 0, eol < 0 ? text.length() : eol)) {
                chunkMarker = true;
            }
            pos = next;
            line++;
        }
        addIfContent(chunks, text, new Chunk(chunkStart, text.length(), chunkLine, chunkMarker));
        return chunks;
    }

    private static boolean isMarker(String text, int lineStart, int lineEnd) {
        if (!text.startsWith("---", lineStart)) {
            return false;
        }
        int after = lineStart + 3;
        return after >= lineEnd || text.charAt(after) == ' ' || text.charAt(after) == '\t'
                || text.charAt(after) == '\r';
    }

    private static void addIfContent(List<Chunk> chunks, String text, Chunk chunk) {
        int pos = chunk.start();
        boolean first = true;
        while (pos < chunk.end()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 || eol > chunk.end() ? chunk.end() : eol;
            String line = text.substring(pos, lineEnd);
            if (first && chunk.marker()) {
                line = line.substring(3);
            }
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.equals("...")) {
                chunks.add(chunk);
                return;
            }
            first = false;
            pos = lineEnd + 1;
        }
    }
}
