package dev.portolan.api.events;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code portolan.api.events.*}: what the live event streams may cost. */
@ConfigurationProperties("portolan.api.events")
public class EventStreamSettings {
    private int maxStreams = 100;
    private int clientBuffer = 1_000;

    /** Concurrent {@code /api/v1/events} streams; one more is answered 503 with Retry-After. */
    public int getMaxStreams() {
        return maxStreams;
    }

    public void setMaxStreams(int maxStreams) {
        if (maxStreams < 0) {
            throw new IllegalArgumentException("portolan.api.events.max-streams must be 0 or more, got " + maxStreams);
        }
        this.maxStreams = maxStreams;
    }

    /**
     * Events held for one client that reads slower than they come; when full the stream is closed (the client
     * reconnects with Last-Event-ID and gets the rest replayed, or a reset).
     */
    public int getClientBuffer() {
        return clientBuffer;
    }

    public void setClientBuffer(int clientBuffer) {
        if (clientBuffer < 1) {
            throw new IllegalArgumentException("portolan.api.events.client-buffer must be positive, got "
                    + clientBuffer);
        }
        this.clientBuffer = clientBuffer;
    }
}
