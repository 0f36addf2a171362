package dev.portolan.proxy.forward;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One side of a WebSocket bridge: relays whole text and binary messages and the close to its peer. It demands
 * the next frame only after the peer accepted the previous one and is open, so neither side buffers unboundedly.
 * Public only because Jetty invokes listener methods reflectively; not part of the forwarder's API.
 */
public final class WebSocketRelay implements Session.Listener {

    private final String name;
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private WebSocketRelay peer;
    private volatile Session session;

    WebSocketRelay(String name) {
        this.name = name;
    }

    static void pair(WebSocketRelay a, WebSocketRelay b) {
        a.peer = b;
        b.peer = a;
    }

    @Override
    public void onWebSocketOpen(Session newSession) {
        session = newSession;
        opened.complete(newSession);
        peer.opened.thenRun(newSession::demand);
    }

    @Override
    public void onWebSocketText(String message) {
        peer.session.sendText(message, Callback.from(session::demand, this::abort));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        peer.session.sendBinary(payload, Callback.from(() -> {
            callback.succeed();
            session.demand();
        }, failure -> {
            callback.fail(failure);
            abort(failure);
        }));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Session other = peer.session;
        if (other != null && other.isOpen()) {
            other.close(sendable(statusCode), reason, Callback.NOOP);
        } else {
            peer.opened.thenAccept(s -> s.close(sendable(statusCode), reason, Callback.NOOP));
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        abort(cause);
    }

    private void abort(Throwable cause) {
        Session other = peer.session;
        if (other != null && other.isOpen()) {
            other.close(StatusCode.SERVER_ERROR, name + " side failed", Callback.NOOP);
        }
    }

    /** 1005, 1006 and 1015 describe a close but may not be sent in one. */
    private static int sendable(int statusCode) {
        return statusCode == StatusCode.NO_CODE || statusCode == StatusCode.ABNORMAL
                || statusCode == StatusCode.FAILED_TLS_HANDSHAKE ? StatusCode.NORMAL : statusCode;
    }

    @Override
    public String toString() {
        return "WebSocketRelay[" + name + "]";
    }
}
