package dev.portolan.api.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;

/**
 * One entry of the change stream.
 *
 * @param id              rises by one per event, from 1 at server start: the SSE id clients resume from
 * @param type            {@code added}, {@code modified} (spec or metadata), {@code deleted}, {@code status} (only
 *                        the status changed) or {@code snapshot} (a new snapshot was published; object is null)
 * @param object          null for snapshot events
 * @param resourceVersion the object's (last) resourceVersion, "" for snapshot events
 * @param snapshotVersion the control plane snapshot that first holds the change
 */
public record ChangeEvent(long id, String type, ResourceKey object, String resourceVersion, long generation,
                          long snapshotVersion) {
    public static final String ADDED = "added";
    public static final String MODIFIED = "modified";
    public static final String DELETED = "deleted";
    public static final String STATUS = "status";
    public static final String SNAPSHOT = "snapshot";
    /** Sent alone, when the client's Last-Event-ID is older than the buffer: it must list everything again. */
    public static final String RESET = "reset";

    public ObjectNode data() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (object != null) {
            data.put("object", object.toString()).put("group", object.group()).put("kind", object.kind());
            if (!object.isClusterScoped()) {
                data.put("namespace", object.namespace());
            }
            data.put("name", object.name()).put("resourceVersion", resourceVersion).put("generation", generation);
        }
        return data.put("snapshotVersion", snapshotVersion);
    }
}
