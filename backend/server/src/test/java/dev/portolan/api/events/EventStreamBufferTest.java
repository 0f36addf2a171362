package dev.portolan.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A client's pending events are bounded: one more than the bound ends its stream and its listener. */
class EventStreamBufferTest {
    /** Takes {@code demand} events at first, then nothing more: a client that stopped reading. */
    private static final class Stalled extends BaseSubscriber<ChangeEvent> {
        final List<ChangeEvent> received = new ArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private final long demand;

        Stalled(long demand) {
            this.demand = demand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (demand > 0) {
                request(demand);
            }
        }

        @Override
        protected void hookOnNext(ChangeEvent value) {
            received.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }
    }

    private static void append(EventBuffer buffer, int count) {
        for (int i = 0; i < count; i++) {
            buffer.append(ChangeEvent.SNAPSHOT, null, "", 0, i);
        }
    }

    @Test
    void aStalledClientIsDroppedOnceItsBufferIsFull() {
        EventBuffer buffer = new EventBuffer(1_000);
        Stalled client = new Stalled(0);
        EventsController.changes(buffer, null, EventFilter.all(), 10).subscribe(client);
        assertEquals(1, buffer.subscribers());
        append(buffer, 10);
        assertNull(client.error.get(), "ten pending events fit");
        assertEquals(1, buffer.subscribers());
        append(buffer, 1);
        assertEquals(0, buffer.subscribers(), "the eleventh ends the stream and its listener");
        client.request(100);
        assertTrue(client.error.get() != null || client.received.size() <= 10, "nothing beyond the bound");
    }

    @Test
    void aReadingClientIsNeverDropped() {
        EventBuffer buffer = new EventBuffer(1_000);
        Stalled client = new Stalled(Long.MAX_VALUE);
        EventsController.changes(buffer, null, EventFilter.all(), 10).subscribe(client);
        append(buffer, 500);
        assertEquals(500, client.received.size());
        assertNull(client.error.get());
        assertEquals(1, buffer.subscribers());
    }

    @Test
    void aResumeReplaysMoreThanTheLiveBoundWithoutBeingDropped() {
        EventBuffer buffer = new EventBuffer(1_000);
        append(buffer, 600);
        Stalled client = new Stalled(0);
        EventsController.changes(buffer, 0L, EventFilter.all(), 10).subscribe(client);
        assertEquals(1, buffer.subscribers(), "600 replayed events are not a slow client");
        client.request(Long.MAX_VALUE);
        assertEquals(600, client.received.size());
        assertNull(client.error.get());
    }
}
