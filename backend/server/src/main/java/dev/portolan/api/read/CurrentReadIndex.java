package dev.portolan.api.read;

import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.snapshot.SnapshotService;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;

/** The {@link ReadIndex} of the current snapshot, built on first use and kept until the snapshot changes. */
@Singleton
public class CurrentReadIndex {
    private final SnapshotService snapshots;
    private final AtomicReference<ReadIndex> cached = new AtomicReference<>();

    public CurrentReadIndex(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    public ReadIndex current() {
        ControlPlaneSnapshot snapshot = snapshots.current();
        ReadIndex index = cached.get();
        if (index == null || index.snapshot() != snapshot) {
            // Two requests may build the same index at once; both results are equal, the last one stays.
            index = ReadIndex.of(snapshot);
            cached.set(index);
        }
        return index;
    }
}
