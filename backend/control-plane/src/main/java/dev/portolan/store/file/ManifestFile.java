package dev.portolan.store.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ContentFreeReasons;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.TypedManifests;
import dev.portolan.model.reading.ReadFailure;
import dev.portolan.model.reading.ReadLimits;
import dev.portolan.model.validation.ObjectValidator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A manifest file as last read: its stamp (size and mtime, to spot changes cheaply), its text and its documents.
 *
 * @param relPath     path relative to the manifest folder, with '/' separators
 * @param readFailure why the file could not be read at all, or null
 */
record ManifestFile(String relPath, FolderScanner.Stamp stamp, String text, List<ParsedDocument> documents,
                    String readFailure) {

    boolean json() {
        return isJson(relPath);
    }

    static boolean isJson(String relPath) {
        return relPath.endsWith(".json");
    }

    static ManifestFile unreadable(String relPath, FolderScanner.Stamp stamp, String reason) {
        return new ManifestFile(relPath, stamp, null, List.of(), reason);
    }

    /** Splits and checks every document; never throws for bad content. */
    static ManifestFile parse(String relPath, FolderScanner.Stamp stamp, String text) {
        boolean json = isJson(relPath);
        List<YamlChunks.Chunk> chunks = json
                ? (text.isBlank() ? List.of() : List.of(new YamlChunks.Chunk(0, text.length(), 1, false)))
                : YamlChunks.split(text);
        if (chunks.size() > ReadLimits.MAX_DOCUMENTS) {
            return unreadable(relPath, stamp, "file holds " + chunks.size() + " documents, over the limit of "
                    + ReadLimits.MAX_DOCUMENTS + " per file; split it");
        }
        IntStream indexes = IntStream.range(0, chunks.size());
        if (chunks.size() > FileStore.PARALLEL_THRESHOLD) {
            indexes = indexes.parallel();
        }
        List<ParsedDocument> documents = indexes.mapToObj(i -> parseDocument(i, chunks.get(i), text, json)).toList();
        return new ManifestFile(relPath, stamp, text, documents, null);
    }

    private static ParsedDocument parseDocument(int index, YamlChunks.Chunk chunk, String whole, boolean json) {
        String text = chunk.text(whole);
        int firstLine = chunk.firstLine() + firstContentLine(text, chunk.marker()) - 1;
        ObjectMapper mapper = json ? Manifests.JSON : Manifests.YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            // never the parser's own message: it quotes the text, and the document may be a Secret
            ReadFailure failure = ReadFailure.of(e);
            int line = failure.line() < 1 ? firstLine : chunk.firstLine() + failure.line() - 1;
            String where = failure.column() > 0 ? " (column " + failure.column() + ")" : "";
            return fault(index, chunk, null, line, failure.field(), "syntax error" + where + ": "
                    + failure.reason());
        }
        if (tree == null || !tree.isObject()) {
            return fault(index, chunk, null, firstLine, "", "document is not a Kubernetes object (expected a mapping)");
        }
        ResourceKey key;
        try {
            key = Manifests.keyOf(tree);
        } catch (ManifestException e) {
            return fault(index, chunk, null, lineOf(text, chunk, e.field(), json, firstLine), e.field(), e.reason());
        }
        ObjectNode userPart = ServerFields.userPart(tree);
        try {
            ObjectValidator.validateMetadata(tree, key);
            TypedManifests.toTyped(userPart);
        } catch (ManifestException e) {
            return fault(index, chunk, key, lineOf(text, chunk, e.field(), json, firstLine), e.field(),
                    ContentFreeReasons.of(key, e.reason()));
        }
        JsonNode created = tree.path("metadata").path("creationTimestamp");
        String creationTimestamp = created.isTextual() && !created.asText().isBlank() ? created.asText() : null;
        return new ParsedDocument(index, chunk, key, userPart, Hashes.of(ServerFields.specPart(userPart)),
                Hashes.of(userPart), creationTimestamp, firstLine, "", null);
    }

    private static ParsedDocument fault(int index, YamlChunks.Chunk chunk, ResourceKey key, int line, String field,
                                        String reason) {
        return new ParsedDocument(index, chunk, key, null, null, null, null, line, field, reason);
    }

    private static int lineOf(String text, YamlChunks.Chunk chunk, String field, boolean json, int firstLine) {
        if (field == null || field.isEmpty()) {
            return firstLine;
        }
        int line = FieldLines.lineOf(text, field, json);
        return line > 0 ? chunk.firstLine() + line - 1 : firstLine;
    }

    /** 1-based line, within a document's text, of its first line that is not a marker, blank or a comment. */
    private static int firstContentLine(String text, boolean marker) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && marker ? lines[i].substring(3) : lines[i];
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return i + 1;
            }
        }
        return 1;
    }
}
