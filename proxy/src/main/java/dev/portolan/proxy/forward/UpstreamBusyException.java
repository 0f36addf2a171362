package dev.portolan.proxy.forward;

import java.io.IOException;

/**
 * A request found every connection to its backend endpoint busy, with the queue full or its wait over
 * ({@link UpstreamSettings}); answered {@code 503 upstream connection limit}. Not a connection failure: a retry
 * would only queue again.
 */
final class UpstreamBusyException extends IOException {
    UpstreamBusyException(String message) {
        super(message);
    }
}
