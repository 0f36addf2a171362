package dev.portolan.store.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;

/**
 * One document of a manifest file, read and checked: either an object (key, user part and hashes) or a fault
 * (line, field, reason; key when that much could be read).
 *
 * @param index              0-based index among the file's documents
 * @param chunk              where the document's text sits in the file
 * @param userPart           the manifest without status and server-set metadata; null when the document is faulty
 * @param creationTimestamp  metadata.creationTimestamp written in the file, or null
 * @param line               1-based line in the file of the fault, or of the document start when it is fine
 */
record ParsedDocument(int index, YamlChunks.Chunk chunk, ResourceKey key, ObjectNode userPart, String specHash,
                      String objectHash, String creationTimestamp, int line, String field, String reason) {

    boolean ok() {
        return userPart != null;
    }

    /** {@code path#index}, as {@link dev.portolan.store.StoredObject#source()} reads. */
    static String source(String relPath, int index) {
        return relPath + "#" + index;
    }
}
