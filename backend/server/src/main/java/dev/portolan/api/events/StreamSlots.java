package dev.portolan.api.events;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open event streams against {@link EventStreamSettings#getMaxStreams()}. */
@Singleton
public class StreamSlots {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public StreamSlots(EventStreamSettings settings) {
        this.max = settings.getMaxStreams();
    }

    /** Takes a slot; false when all are taken. Every true must be followed by one {@link #release()}. */
    public boolean tryAcquire() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
