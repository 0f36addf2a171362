package dev.portolan.store.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Finds the line of a field (in {@code spec.listeners[0].port} form) by walking a document's parser tokens. */
final class FieldLines {
    private FieldLines() {
    }

    /**
     * @return the 1-based line (within {@code document}) of the field, else of its deepest enclosing field that is
     *         present, else -1
     */
    static int lineOf(String document, String field, boolean json) {
        if (field == null || field.isEmpty()) {
            return -1;
        }
        int bestLine = -1;
        int bestLength = -1;
        try (JsonParser parser = (json ? Manifests.JSON : Manifests.YAML).getFactory().createParser(document)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    context = context.getParent();
                }
                String path = pathOf(context);
                if (path.isEmpty() || path.length() <= bestLength || !isPrefix(path, field)) {
                    continue;
                }
                bestLength = path.length();
                bestLine = parser.currentTokenLocation().getLineNr();
                if (path.length() == field.length()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a document the parser rejects has no field lines.
        }
        return bestLine;
    }

    private static boolean isPrefix(String path, String field) {
        if (!field.startsWith(path)) {
            return false;
        }
        if (path.length() == field.length()) {
            return true;
        }
        char next = field.charAt(path.length());
        return next == '.' || next == '[';
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + c.getCurrentIndex() + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                segments.push(c.getCurrentName());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (!out.isEmpty() && !segment.startsWith("[")) {
                out.append('.');
            }
            out.append(segment);
        }
        return out.toString();
    }
}
