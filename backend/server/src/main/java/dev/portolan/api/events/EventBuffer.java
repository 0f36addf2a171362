package dev.portolan.api.events;

import dev.portolan.model.ResourceKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last {@code capacity} change events, numbered from 1, and the live subscribers. Replay and registration
 * happen under one lock with appends, so a resuming client gets every event after its id exactly once.
 * Subscribers are called under that lock and must not block (they hand events to a reactive sink).
 */
public final class EventBuffer {
    private final int capacity;
    private final ArrayDeque<ChangeEvent> events = new ArrayDeque<>();
    private final List<Listener> listeners = new ArrayList<>();
    private long lastId;

    private record Listener(EventFilter filter, Consumer<ChangeEvent> sink) {
    }

    public EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Numbers, keeps and delivers a new event. */
    public synchronized ChangeEvent append(String type, ResourceKey object, String resourceVersion, long generation,
                                           long snapshotVersion) {
        ChangeEvent event = new ChangeEvent(++lastId, type, object, resourceVersion, generation, snapshotVersion);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        for (Listener listener : List.copyOf(listeners)) {
            if (listener.filter.accepts(event)) {
                listener.sink.accept(event);
            }
        }
        return event;
    }

    /**
     * Replays what the client missed, then follows live events.
     *
     * @param lastEventId the last id the client saw, or null for live events only. When events after it were
     *                    already dropped (or it is from another server run), the client gets one {@code reset}
     *                    event carrying the newest id instead, and must list everything again.
     */
    public synchronized AutoCloseable subscribe(Long lastEventId, EventFilter filter, Consumer<ChangeEvent> sink) {
        if (lastEventId != null) {
            long oldest = events.isEmpty() ? lastId + 1 : events.peekFirst().id();
            if (lastEventId < oldest - 1 || lastEventId > lastId) {
                sink.accept(new ChangeEvent(lastId, ChangeEvent.RESET, null, "", 0,
                        events.isEmpty() ? 0 : events.peekLast().snapshotVersion()));
            } else {
                for (ChangeEvent event : events) {
                    if (event.id() > lastEventId && filter.accepts(event)) {
                        sink.accept(event);
                    }
                }
            }
        }
        Listener listener = new Listener(filter, sink);
        listeners.add(listener);
        return () -> remove(listener);
    }

    private synchronized void remove(Listener listener) {
        listeners.remove(listener);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized long lastId() {
        return lastId;
    }

    public synchronized int subscribers() {
        return listeners.size();
    }
}
