package dev.portolan.proxy.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts HTTP/1 clients that take too long to send a request's headers (slowloris: a byte every few seconds keeps
 * the idle timeout from firing). Every half timeout a connection's parser is looked at; a request head that is
 * still incomplete at three looks in a row (at least the whole timeout) gets a 408 and the connection is closed.
 * Bodies are not timed here: a header that is complete is the backend's business.
 */
public final class HeaderReadTimeout implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderReadTimeout.class);
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; "
            + "charset=utf-8\r\nContent-Length: " + GatewayAnswer.REQUEST_TIMEOUT.body().length()
            + "\r\nConnection: close\r\n\r\n" + GatewayAnswer.REQUEST_TIMEOUT.body())
            .getBytes(StandardCharsets.US_ASCII);

    private final long timeoutMillis;
    private final Map<Connection, Scheduler.Task> watches = new ConcurrentHashMap<>();

    public HeaderReadTimeout(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            schedule(new Watch(http));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = watches.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void schedule(Watch watch) {
        Scheduler scheduler = watch.connection.getConnector().getScheduler();
        watches.put(watch.connection, scheduler.schedule(watch, Math.max(1, timeoutMillis / 2), TimeUnit.MILLISECONDS));
    }

    /** One connection's looks at its parser; runs on the scheduler, never concurrently with itself. */
    private final class Watch implements Runnable {
        final HttpConnection connection;
        long messagesAtLastLook = -1;
        int incompleteLooks;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                watches.remove(connection);
                return;
            }
            if (!watches.containsKey(connection)) {
                return;
            }
            long messages = connection.getMessagesIn();
            boolean headInProgress = connection.getParser().inHeaderState() && !connection.getParser().isStart();
            incompleteLooks = headInProgress && messages == messagesAtLastLook ? incompleteLooks + 1
                    : headInProgress ? 1 : 0;
            messagesAtLastLook = messages;
            if (incompleteLooks >= 3) {
                LOG.info("closing connection from {}: request headers incomplete after {} ms",
                        connection.getEndPoint().getRemoteSocketAddress(), timeoutMillis);
                watches.remove(connection);
                GatewayAnswer.REQUEST_TIMEOUT.count();
                connection.getEndPoint().write(Callback.from(connection.getEndPoint()::close),
                        ByteBuffer.wrap(REQUEST_TIMEOUT));
                return;
            }
            schedule(this);
        }
    }
}
