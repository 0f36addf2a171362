package dev.portolan.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;

/**
 * Text edits of a manifest file that touch one document only: the others stay byte for byte as they were.
 * Pure: takes the file as last read, returns the new text.
 */
final class DocumentEdits {
    private DocumentEdits() {
    }

    /** The file's text with one document replaced by {@code manifest}. */
    static String replace(ManifestFile file, ParsedDocument document, ObjectNode manifest) {
        if (file.json()) {
            return render(manifest, true);
        }
        YamlChunks.Chunk chunk = document.chunk();
        String text = file.text();
        String replacement = (chunk.marker() ? "---\n" : "") + render(manifest, false);
        return text.substring(0, chunk.start()) + replacement + text.substring(chunk.end());
    }

    /** The file's text with one more document at the end. */
    static String append(ManifestFile file, ObjectNode manifest) {
        String text = file.text();
        if (file.json() || file.documents().isEmpty()) {
            return render(manifest, file.json());
        }
        String separator = text.endsWith("\n") ? "" : "\n";
        return text + separator + "---\n" + render(manifest, false);
    }

    /** The file's text without one document, or null when no document would be left (delete the file). */
    static String remove(ManifestFile file, ParsedDocument document) {
        if (file.json() || file.documents().size() <= 1) {
            return null;
        }
        YamlChunks.Chunk chunk = document.chunk();
        String text = file.text();
        return text.substring(0, chunk.start()) + text.substring(chunk.end());
    }

    /** A manifest as a whole file (YAML without document marker, or pretty JSON), ending in a newline. */
    static String render(ObjectNode manifest, boolean json) {
        try {
            String out = json
                    ? Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest)
                    : Manifests.YAML.writeValueAsString(manifest);
            return out.endsWith("\n") ? out : out + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render manifest", e);
        }
    }
}
