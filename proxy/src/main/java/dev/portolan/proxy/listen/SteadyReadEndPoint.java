package dev.portolan.proxy.listen;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.LoggerFactory;

/**
 * A socket end point that spares two kinds of system calls per proxied request.
 * <ul>
 *   <li>Read interest stays registered between requests. Jetty drops a key's read interest whenever the socket is
 *   selected readable and asks for it again when its connection next wants to read; the JDK's selector turns a
 *   change that survives a select into an {@code epoll_ctl}. A proxied HTTP/1.1 request waits for the backend
 *   across selects, so every request cost an {@code epoll_ctl} DEL and an ADD (1.8 per request measured, nginx
 *   none). Here the read interest a reader consumed is kept on the key; if the socket turns readable while nobody
 *   wants to read (a pipelined request, a closing client), the interest is dropped as Jetty would have had it,
 *   so the selector never spins on unread bytes. Only read interest Jetty itself does not hold is added or
 *   removed: Jetty's own is left alone, so its record of the key stays true (touching it hung connections).</li>
 *   <li>No second read after an empty one. Jetty's HTTP/1.1 connection reads once more right after a read found
 *   nothing ("for SSL connections"); on a plain socket that is a second {@code read} sure to fail with EAGAIN
 *   (0.8 per request measured). The repeat returns 0 without asking the kernel.</li>
 * </ul>
 * Both only change when the kernel is asked, never what a connection sees: an unneeded read interest at most costs
 * one wake-up, and a read of 0 is always a legal answer (the caller then registers interest and is woken).
 */
final class SteadyReadEndPoint extends SocketChannelEndPoint {
    /**
     * The interest Jetty last set on the key (its private {@code _currentInterestOps}, read on the selector
     * thread that alone writes it), or null if this Jetty has no such field: then Jetty's behaviour is kept.
     */
    private static final VarHandle JETTY_INTEREST = jettyInterest();
    /** Selector thread only: the last read readiness went to a reader that was waiting for it. */
    private boolean readerWasWaiting;
    /** Selector thread only (replaceKey, onSelected, updateKey). */
    private SelectionKey key;
    /** The last read of the socket found nothing and no select happened since. */
    private boolean emptySinceSelect;

    SteadyReadEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
        this.key = key;
    }

    @Override
    public Runnable onSelected() {
        emptySinceSelect = false;
        SelectionKey k = key;
        if ((safeReadyOps(k) & SelectionKey.OP_READ) != 0) {
            // a reader was waiting: it reads now and will want to read again; nobody waiting: unwanted bytes
            readerWasWaiting = isFillInterested();
        }
        return super.onSelected();
    }

    @Override
    public void updateKey() {
        super.updateKey();
        if (JETTY_INTEREST == null) {
            return;
        }
        SelectionKey k = key;
        try {
            if (!k.isValid() || ((int) JETTY_INTEREST.get(this) & SelectionKey.OP_READ) != 0) {
                return; // Jetty's own read interest is Jetty's: never touched
            }
            int ops = k.interestOps();
            // the reader took the readiness and is busy (e.g. waiting for the backend): keep the interest for
            // its next read. A reader not yet run (dispatched) or a readiness nobody wanted: Jetty's way, none.
            int wanted = readerWasWaiting && !isFillInterested() ? ops | SelectionKey.OP_READ
                    : ops & ~SelectionKey.OP_READ;
            if (wanted != ops) {
                k.interestOps(wanted);
            }
        } catch (CancelledKeyException closed) {
            // the socket closed meanwhile; Jetty's own update handles that
        }
    }

    @Override
    public void replaceKey(SelectionKey newKey) {
        super.replaceKey(newKey);
        key = newKey;
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (emptySinceSelect && getConnection() instanceof HttpConnection) {
            emptySinceSelect = false;
            return 0;
        }
        int filled = super.fill(buffer);
        emptySinceSelect = filled == 0;
        return filled;
    }

    private static VarHandle jettyInterest() {
        try {
            return MethodHandles.privateLookupIn(SelectableChannelEndPoint.class, MethodHandles.lookup())
                    .findVarHandle(SelectableChannelEndPoint.class, "_currentInterestOps", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(SteadyReadEndPoint.class).info("Jetty's interest field is not readable ({}):"
                    + " read interest follows Jetty's default", e.toString());
            return null;
        }
    }

    private static int safeReadyOps(SelectionKey k) {
        try {
            return k.readyOps();
        } catch (CancelledKeyException closed) {
            return 0;
        }
    }
}
