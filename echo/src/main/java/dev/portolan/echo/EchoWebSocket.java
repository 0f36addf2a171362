package dev.portolan.echo;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** Sends every text and binary message back unchanged on the same session. */
public final class EchoWebSocket implements Session.Listener.AutoDemanding {

    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
        session.sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        // The payload buffer is released when the callback completes, so send a copy.
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        callback.succeed();
        session.sendBinary(copy, Callback.NOOP);
    }
}
