package dev.portolan.api.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The last entries in memory, bounded: the oldest goes when a new one arrives at capacity. Thread-safe. */
public final class AuditRing {
    private final int capacity;
    private final ArrayDeque<AuditEntry> entries;

    public AuditRing(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    public synchronized void add(AuditEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Newest first. */
    public synchronized List<AuditEntry> newestFirst() {
        List<AuditEntry> out = new ArrayList<>(entries.size());
        for (Iterator<AuditEntry> it = entries.descendingIterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    public int capacity() {
        return capacity;
    }
}
