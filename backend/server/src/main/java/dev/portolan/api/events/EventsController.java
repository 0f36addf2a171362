package dev.portolan.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.model.Manifests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/** {@code GET /api/v1/events}: object and status changes as Server-Sent Events, resumable with Last-Event-ID. */
@Controller("/api/v1")
public class EventsController {
    /** Keeps proxies and load balancers from closing an idle stream. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** Seconds a refused client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ChangeFeed feed;
    private final StreamSlots slots;
    private final int clientBuffer;

    public EventsController(ChangeFeed feed, StreamSlots slots, EventStreamSettings settings) {
        this.feed = feed;
        this.slots = slots;
        this.clientBuffer = settings.getClientBuffer();
    }

    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Live object and status changes (Server-Sent Events)",
            description = "Each event has id (a number rising by one per event), event added/modified/deleted/"
                    + "status/snapshot and JSON data {object, group, kind, namespace, name, resourceVersion, "
                    + "generation, snapshotVersion}; status events mean only the status changed, a snapshot event "
                    + "follows the changes of each new control plane snapshot. Reconnect with Last-Event-ID: N to "
                    + "get every event after N first; when N is older than the last 10,000 events the stream "
                    + "starts with a reset event (list everything again, then continue from its id). A comment "
                    + "line is sent every 15 s. A client that falls more than portolan.api.events.client-buffer "
                    + "events (1,000) behind is disconnected and resumes with Last-Event-ID.")
    @ApiResponse(responseCode = "200", description = "The event stream; each event's data is a ChangeEventData",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string",
                    description = "text/event-stream; data: #/components/schemas/ChangeEventData")))
    @ApiResponse(responseCode = "503", description = "portolan.api.events.max-streams streams (100) are open; "
            + "try again after Retry-After seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public Publisher<Event<String>> events(
            @Parameter(description = "The last event id the client saw")
            @Header("Last-Event-ID") @Nullable String lastEventId,
            @Parameter(description = "Only objects of this namespace") @QueryValue @Nullable String namespace,
            @Parameter(description = "Only objects of this kind (Kind or plural, e.g. HTTPRoute or httproutes)")
            @QueryValue @Nullable String kind) {
        Long resumeAfter = parseId(lastEventId);
        EventFilter filter = new EventFilter(namespace, kind);
        if (!slots.tryAcquire()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, (String) null, null, "all "
                    + slots.max() + " event streams (portolan.api.events.max-streams) are open; try again later")
                    .withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        Flux<Event<String>> changes = changes(feed.buffer(), resumeAfter, filter, clientBuffer).map(
                EventsController::toSse);
        // An empty data field makes clients drop the event, so this works as the comment line it writes. The
        // stream always opens with one (before any replayed event): the response headers are only sent with the
        // first item of the stream.
        Flux<Event<String>> heartbeats = Flux.interval(HEARTBEAT, HEARTBEAT).map(tick -> heartbeat());
        return Flux.concat(Flux.just(heartbeat()), Flux.merge(changes, heartbeats))
                .doFinally(signal -> slots.release());
    }

    /**
     * The events for one client, holding at most {@code maxBuffered} live events it has not taken yet (beyond what
     * a resume replays, at most the feed's capacity): one more ends the stream with an error (the connection
     * closes; the client resumes with Last-Event-ID), so a stalled client costs a bounded amount of memory and is
     * let go. Buffered events are the feed's own instances: a slot costs a reference.
     */
    static Flux<ChangeEvent> changes(EventBuffer buffer, Long resumeAfter, EventFilter filter, int maxBuffered) {
        int bound = maxBuffered + (resumeAfter == null ? 0 : buffer.capacity());
        return Flux.<ChangeEvent>create(sink -> {
            AutoCloseable subscription = buffer.subscribe(resumeAfter, filter, sink::next);
            sink.onDispose(() -> close(subscription));
        }, FluxSink.OverflowStrategy.BUFFER).onBackpressureBuffer(bound, BufferOverflowStrategy.ERROR);
    }

    private static Event<String> heartbeat() {
        return Event.of("").comment("heartbeat");
    }

    private static Event<String> toSse(ChangeEvent event) {
        try {
            return Event.of(Manifests.JSON.writeValueAsString(event.data()))
                    .id(Long.toString(event.id())).name(event.type());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long parseId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(null, "Last-Event-ID", "\"" + lastEventId
                    + "\" is not an event id (a number from an earlier event)");
        }
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // removing a listener from a list cannot fail
        }
    }
}
