package dev.portolan.proxy.listen;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Binds a connector's listening socket, retrying for a short bounded time while the address is in use.
 *
 * <p>Why: Jetty 12.1's {@code ServerConnector.stop()} closes the accept channel but does not wait for its acceptor
 * thread. The JDK cannot release a listening socket while a thread is blocked in {@code accept()} on it; it signals
 * that thread and the kernel frees the port only once the thread has left the system call, a moment after
 * {@code stop()} returned. A config that drops a listener and re-adds it right away would otherwise fail to bind
 * ({@code SO_REUSEADDR} does not help: it never allows a second socket next to one still listening). A port held by
 * another process still fails, after the budget, with the bind error.
 */
final class SocketBinding {
    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long MAX_PAUSE_MILLIS = 50;

    private SocketBinding() {
    }

    /** Opens (binds) {@code connector}; on "address in use" tries again until {@code budget} has passed. */
    static void open(ServerConnector connector, Duration budget) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                connector.open();
                return;
            } catch (IOException e) {
                if (!addressInUse(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to bind " + connector.getHost() + ":"
                        + connector.getPort(), interrupted);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    /** Jetty wraps the JDK's BindException in an IOException naming the address. */
    private static boolean addressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
