package dev.portolan.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {
    private static final ResourceKey ROUTE = ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "a", "r");
    private static final ResourceKey SERVICE = ResourceKey.of("", "Service", "b", "s");

    @Test
    void aResumingClientGetsExactlyTheEventsAfterItsIdThenLiveOnes() throws Exception {
        EventBuffer buffer = new EventBuffer(10);
        for (int i = 0; i < 5; i++) {
            buffer.append(ChangeEvent.MODIFIED, ROUTE, String.valueOf(i), 1, i);
        }
        List<Long> seen = new ArrayList<>();
        AutoCloseable subscription = buffer.subscribe(3L, EventFilter.all(), event -> seen.add(event.id()));
        buffer.append(ChangeEvent.ADDED, SERVICE, "9", 1, 6);
        subscription.close();
        buffer.append(ChangeEvent.ADDED, SERVICE, "10", 1, 7);

        assertEquals(List.of(4L, 5L, 6L), seen);
        assertEquals(0, buffer.subscribers());
    }

    @Test
    void anIdOlderThanTheBufferOrFromAnotherRunGetsOneResetWithTheNewestId() {
        EventBuffer buffer = new EventBuffer(3);
        for (int i = 0; i < 6; i++) {
            buffer.append(ChangeEvent.MODIFIED, ROUTE, String.valueOf(i), 1, i);
        }
        List<ChangeEvent> old = new ArrayList<>();
        List<ChangeEvent> future = new ArrayList<>();
        List<ChangeEvent> edge = new ArrayList<>();
        buffer.subscribe(2L, EventFilter.all(), old::add);
        buffer.subscribe(99L, EventFilter.all(), future::add);
        buffer.subscribe(3L, EventFilter.all(), edge::add);

        assertEquals(List.of(ChangeEvent.RESET), old.stream().map(ChangeEvent::type).toList());
        assertEquals(6L, old.get(0).id());
        assertEquals(List.of(ChangeEvent.RESET), future.stream().map(ChangeEvent::type).toList());
        assertEquals(List.of(4L, 5L, 6L), edge.stream().map(ChangeEvent::id).toList());
    }

    @Test
    void filtersSelectNamespaceAndKindButLetSnapshotEventsThrough() {
        EventBuffer buffer = new EventBuffer(10);
        List<String> seen = new ArrayList<>();
        buffer.subscribe(null, new EventFilter("a", "httproutes"), e -> seen.add(e.type() + " " + e.object()));
        buffer.append(ChangeEvent.ADDED, ROUTE, "1", 1, 1);
        buffer.append(ChangeEvent.ADDED, SERVICE, "2", 1, 1);
        buffer.append(ChangeEvent.ADDED, ResourceKey.of("", "Service", "a", "s"), "3", 1, 1);
        buffer.append(ChangeEvent.SNAPSHOT, null, "", 0, 1);

        assertEquals(List.of("added HTTPRoute/a/r", "snapshot null"), seen);
    }
}
