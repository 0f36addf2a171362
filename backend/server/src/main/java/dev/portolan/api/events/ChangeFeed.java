package dev.portolan.api.events;

import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.StoredObject;
import io.micronaut.context.annotation.Context;

/**
 * Turns each new control plane snapshot into change events: the object changes since the previous snapshot, then
 * one {@code snapshot} event. Started with the application so that no change is missed before the first client.
 */
@Context
public class ChangeFeed {
    /** Enough for a client to ride out a restart of its own; older ids get a reset. */
    public static final int CAPACITY = 10_000;

    private final EventBuffer buffer = new EventBuffer(CAPACITY);
    private ControlPlaneSnapshot previous;

    public ChangeFeed(SnapshotService snapshots) {
        synchronized (this) {
            snapshots.onSnapshot(this::onSnapshot);
            previous = snapshots.current();
        }
    }

    public EventBuffer buffer() {
        return buffer;
    }

    private synchronized void onSnapshot(ControlPlaneSnapshot next) {
        if (previous != null && next.version() <= previous.version()) {
            return;
        }
        if (previous != null) {
            for (SnapshotChanges.Change change : SnapshotChanges.between(previous.store(), next.store())) {
                StoredObject object = change.object();
                buffer.append(change.type(), object.key(), object.resourceVersion(), object.generation(),
                        next.version());
            }
        }
        buffer.append(ChangeEvent.SNAPSHOT, null, "", 0, next.version());
        previous = next;
    }
}
