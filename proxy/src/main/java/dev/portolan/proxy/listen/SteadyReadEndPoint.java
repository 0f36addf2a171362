package dev.portolan.proxy.listen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket end point that spares two kinds of system calls per proxied request.
 * <ul>
 *   <li>Read interest stays registered between requests. Jetty drops a key's read interest whenever the socket is
 *   selected readable and asks for it again when its connection next wants to read; the JDK's selector turns a
 *   change that survives a select into an {@code epoll_ctl}. A proxied HTTP/1.1 request waits for the backend
 *   across selects, so every request cost an {@code epoll_ctl} DEL and an ADD (1.8 per request measured, nginx
 *   none). Here the read interest a reader consumed is kept on the key; if the socket turns readable while nobody
 *   wants to read (a pipelined request, a closing client), the interest is dropped as Jetty would have had it,
 *   so the selector never spins on unread bytes.</li>
 *   <li>No second read after an empty one. Jetty's HTTP/1.1 connection reads once more right after a read found
 *   nothing ("for SSL connections"); on a plain socket that is a second {@code read} sure to fail with EAGAIN
 *   (0.8 per request measured). The repeat returns 0 without asking the kernel.</li>
 * </ul>
 * Both only change when the kernel is asked, never what a connection sees: an unneeded read interest at most costs
 * one wake-up, and a read of 0 is always a legal answer (the caller then registers interest and is woken).
 */
final class SteadyReadEndPoint extends SocketChannelEndPoint {
    /** Selector thread only: the last read readiness went to a waiting reader, so keep read interest. */
    private boolean keepReadInterest;
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
            // a reader was waiting: it reads now and will want to read again, keep the key's interest meanwhile
            keepReadInterest = isFillInterested();
        }
        return super.onSelected();
    }

    @Override
    public void updateKey() {
        super.updateKey();
        SelectionKey k = key;
        try {
            if (!k.isValid()) {
                return;
            }
            int ops = k.interestOps();
            if (keepReadInterest) {
                if ((ops & SelectionKey.OP_READ) == 0) {
                    k.interestOps(ops | SelectionKey.OP_READ);
                }
            } else if ((ops & SelectionKey.OP_READ) != 0 && !isFillInterested()) {
                // readable with nobody reading: drop the interest kept above, as Jetty had it
                k.interestOps(ops & ~SelectionKey.OP_READ);
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

    private static int safeReadyOps(SelectionKey k) {
        try {
            return k.readyOps();
        } catch (CancelledKeyException closed) {
            return 0;
        }
    }
}
