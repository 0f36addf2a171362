package dev.portolan.api.write;

import dev.portolan.model.ResourceKey;

/**
 * What a write did to one object.
 *
 * @param action          {@code created}, {@code configured}, {@code unchanged} (kubectl's words) or {@code deleted}
 * @param resourceVersion the object's resourceVersion after the write (the last one for a deleted object)
 * @param generation      the object's generation after the write (the last one for a deleted object)
 */
public record WriteResult(ResourceKey object, String action, String resourceVersion, long generation) {
    /** The request attribute the write endpoints put their results under (a list; the audit filter records it). */
    public static final String REQUEST_ATTRIBUTE = "portolan.audit.results";
    public static final String CREATED = "created";
    public static final String CONFIGURED = "configured";
    public static final String UNCHANGED = "unchanged";
    public static final String DELETED = "deleted";
}
