package dev.portolan.store.file;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the server keeps about one object besides its manifest: Kubernetes server-set metadata, the hashes that
 * tell whether a new version changed spec or only metadata, where it was last defined, and its status.
 *
 * @param source     {@code path#index} of the document defining it
 * @param specHash   hash of everything but metadata and status (a change bumps generation)
 * @param objectHash hash of the whole manifest without status and server-set metadata (a change bumps resourceVersion)
 * @param status     status as last written by {@code updateStatus}, or null
 */
record ObjectState(String uid, String creationTimestamp, long generation, String resourceVersion, String specHash,
                   String objectHash, String source, ObjectNode status) {

    ObjectState withSource(String newSource) {
        return new ObjectState(uid, creationTimestamp, generation, resourceVersion, specHash, objectHash, newSource,
                status);
    }

    ObjectState withStatus(ObjectNode newStatus, String newResourceVersion) {
        return new ObjectState(uid, creationTimestamp, generation, newResourceVersion, specHash, objectHash, source,
                newStatus);
    }

    /** The file part of {@link #source()}. */
    String sourceFile() {
        int hash = source == null ? -1 : source.lastIndexOf('#');
        return hash < 0 ? source : source.substring(0, hash);
    }
}
