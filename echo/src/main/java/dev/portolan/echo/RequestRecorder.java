package dev.portolan.echo;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Bounded in-memory log of received requests; once full, the oldest entries are dropped (and counted), so a
 * long statistical run cannot exhaust memory.
 */
public final class RequestRecorder {

    private final int capacity;
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private long dropped;

    public RequestRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("request recorder capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(RecordedRequest request) {
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(request);
    }

    /** @return a snapshot, oldest first */
    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    /** @return how many kept requests had exactly this request URI (path plus query) */
    public synchronized long count(String pathAndQuery) {
        return entries.stream().filter(r -> r.pathAndQuery().equals(pathAndQuery)).count();
    }

    /** @return entries dropped because the log was full */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized void clear() {
        entries.clear();
        dropped = 0;
    }

    public int capacity() {
        return capacity;
    }
}
