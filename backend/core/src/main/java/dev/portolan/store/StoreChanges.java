package dev.portolan.store;

import dev.portolan.model.ResourceKey;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which objects a store's recent snapshots changed, newest first: each link holds the keys whose object may differ
 * (put, replaced or removed) between the snapshot at {@code since} and the one at {@code revision}. Lets a reader
 * that last saw revision R work on what changed since R instead of comparing every object; immutable; the chain is
 * cut after {@link #MAX_LINKS} links, and a store that does not know answers {@link #unknown()}.
 */
public final class StoreChanges {
    /** How many snapshots back a reader may ask; an older one compares objects as before. */
    public static final int MAX_LINKS = 64;
    private static final StoreChanges UNKNOWN = new StoreChanges(-1, -1, Set.of(), null, 0);

    private final long since;
    private final long revision;
    private final Set<ResourceKey> keys;
    private final StoreChanges previous;
    private final int links;

    private StoreChanges(long since, long revision, Set<ResourceKey> keys, StoreChanges previous, int links) {
        this.since = since;
        this.revision = revision;
        this.keys = keys;
        this.previous = previous;
        this.links = links;
    }

    /** Nothing known: every question answers empty. */
    public static StoreChanges unknown() {
        return UNKNOWN;
    }

    /** This chain followed by one more snapshot: {@code keys} changed from {@code since} to {@code revision}. */
    public StoreChanges then(long since, long revision, Set<ResourceKey> keys) {
        if (revision <= since) {
            throw new IllegalArgumentException("revision " + revision + " is not after " + since);
        }
        boolean chained = this != UNKNOWN && this.revision == since && links < MAX_LINKS;
        return new StoreChanges(since, revision, Set.copyOf(keys), chained ? this : null, chained ? links + 1 : 1);
    }

    /**
     * The keys whose object may differ between the snapshot at {@code revision} and the newest one, or empty when
     * that is not known (too old, not a revision this chain passed through, or nothing recorded).
     */
    public Optional<Set<ResourceKey>> since(long revision) {
        if (this == UNKNOWN) {
            return Optional.empty();
        }
        if (revision == this.revision) {
            return Optional.of(Set.of());
        }
        Set<ResourceKey> union = new HashSet<>();
        for (StoreChanges link = this; link != null; link = link.previous) {
            union.addAll(link.keys);
            if (link.since == revision) {
                return Optional.of(Set.copyOf(union));
            }
            if (link.since < revision) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The revision of the newest snapshot this chain describes, or -1 when unknown. */
    public long revision() {
        return revision;
    }

    @Override
    public String toString() {
        return this == UNKNOWN ? "StoreChanges[unknown]"
                : "StoreChanges[" + since + ".." + revision + ": " + keys.size() + " keys, " + links + " links]";
    }
}
