package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keep-alive connections to plain HTTP/1.1 backends, per selector and endpoint: a request takes the most recently
 * used idle connection of its selector (so that it stays on the thread that serves its client), else opens one
 * while the endpoint has fewer than {@link UpstreamSettings#maxConnectionsPerEndpoint()} open (over all
 * selectors), else waits in the endpoint's queue for the next connection that frees or closes. A connection goes
 * back after a complete answer; the backend closing it, its idle timeout or a half-read answer remove it.
 */
final class Http1Pool {

    /** Resolves to the connection once it is open, or fails when connecting fails. */
    interface Opening extends Promise<Http1Connection> {
    }

    private final UpstreamSettings settings;
    private final Scheduler scheduler;
    /** Open connections and waiting requests per endpoint; an entry goes when both are none. */
    private final ConcurrentHashMap<Endpoint, Limit> limits = new ConcurrentHashMap<>();

    Http1Pool(UpstreamSettings settings, Scheduler scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
    }

    void acquire(UpstreamSelectors selectors, Endpoint endpoint, Promise<Http1Connection> promise) {
        Object found = selectors.upstreamPools().get(endpoint);
        Idle idle = found != null ? (Idle) found
                : (Idle) selectors.upstreamPools().computeIfAbsent(endpoint, e -> new Idle());
        for (Http1Connection connection = idle.connections.pollFirst(); connection != null;
             connection = idle.connections.pollFirst()) {
            if (connection.getEndPoint().isOpen()) {
                promise.succeeded(connection);
                return;
            }
        }
        Limit limit;
        Waiter waiter = null;
        boolean open = false;
        int waiting;
        while (true) {
            limit = limits.computeIfAbsent(endpoint, Limit::new);
            synchronized (limit) {
                if (limit.retired) {
                    continue; // emptied and removed meanwhile: take the endpoint's new entry
                }
                if (limit.open < settings.maxConnectionsPerEndpoint()) {
                    limit.open++;
                    open = true;
                } else if (limit.waiting.size() < settings.maxQueuedPerEndpoint()) {
                    waiter = new Waiter(selectors, promise);
                    limit.waiting.add(waiter);
                    limit.waitingCount = limit.waiting.size();
                }
                waiting = limit.waiting.size();
                break;
            }
        }
        if (open) {
            open(selectors, endpoint, idle, limit, promise);
        } else if (waiter != null) {
            Limit queue = limit;
            Waiter queued = waiter;
            waiter.timer = scheduler.schedule(() -> expire(queue, queued), settings.maxQueueWaitMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            promise.failed(new UpstreamBusyException(describe(endpoint) + " has "
                    + settings.maxConnectionsPerEndpoint() + " connections open (the limit) and " + waiting
                    + " requests waiting (the limit)"));
        }
    }

    private void open(UpstreamSelectors selectors, Endpoint endpoint, Idle idle, Limit limit,
                      Promise<Http1Connection> promise) {
        if (isIpLiteral(endpoint.host())) {
            connect(selectors, endpoint, idle, limit, promise);
        } else {
            // name resolution may block: not on the selector thread
            try {
                selectors.selectorManager().getExecutor().execute(
                        () -> connect(selectors, endpoint, idle, limit, promise));
            } catch (RuntimeException rejected) {
                closed(limit); // not opened after all: give its place back
                promise.failed(rejected);
            }
        }
    }

    private void connect(UpstreamSelectors selectors, Endpoint endpoint, Idle idle, Limit limit,
                         Promise<Http1Connection> promise) {
        SocketChannel channel = null;
        try {
            InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (address.isUnresolved()) {
                throw new UnknownHostException(endpoint.host());
            }
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Pending pending = new Pending(selectors, new Home(idle, limit), promise);
            SelectorManager manager = selectors.selectorManager();
            if (channel.connect(address)) {
                manager.accept(channel, pending);
            } else {
                manager.connect(channel, pending);
            }
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            closed(limit);
            promise.failed(e);
        }
    }

    /** A counted connection is gone (closed, or never opened): its place goes to the first waiting request. */
    private void closed(Limit limit) {
        Waiter next;
        synchronized (limit) {
            limit.open--;
            next = nextWaiter(limit);
            if (next != null) {
                limit.open++;
            } else if (limit.open == 0 && limit.waiting.isEmpty()) {
                limit.retired = true;
                limits.remove(limit.endpoint, limit);
            }
        }
        if (next != null) {
            UpstreamSelectors selectors = next.selectors;
            Object found = selectors.upstreamPools().get(limit.endpoint);
            Idle idle = found != null ? (Idle) found
                    : (Idle) selectors.upstreamPools().computeIfAbsent(limit.endpoint, e -> new Idle());
            open(selectors, limit.endpoint, idle, limit, next.promise);
        }
    }

    /** The first waiting request not yet expired, claimed; null when none. Holds the limit's lock. */
    private static Waiter nextWaiter(Limit limit) {
        for (Waiter w = limit.waiting.poll(); w != null; w = limit.waiting.poll()) {
            if (w.claim()) {
                limit.waitingCount = limit.waiting.size();
                return w;
            }
        }
        limit.waitingCount = 0;
        return null;
    }

    private void expire(Limit limit, Waiter waiter) {
        if (!waiter.claim()) {
            return; // served meanwhile
        }
        synchronized (limit) {
            limit.waiting.remove(waiter);
            limit.waitingCount = limit.waiting.size();
        }
        waiter.promise.failed(new UpstreamBusyException(describe(limit.endpoint)
                + " had no free connection within " + settings.maxQueueWaitMillis() + " ms ("
                + settings.maxConnectionsPerEndpoint() + " connections open, the limit)"));
    }

    private static String describe(Endpoint endpoint) {
        String host = endpoint.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + endpoint.port();
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }

    /** The idle connections of one endpoint on one selector, most recently used first. */
    static final class Idle {
        private final ConcurrentLinkedDeque<Http1Connection> connections = new ConcurrentLinkedDeque<>();
    }

    /** Open connections and waiting requests of one endpoint, over all selectors. Guarded by itself. */
    private static final class Limit {
        final Endpoint endpoint;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
        int open;
        boolean retired;
        /** Read without the lock when a connection frees: whether anyone waits. */
        volatile int waitingCount;

        Limit(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    /** A request waiting for a connection; served or expired, whichever claims it first. */
    private static final class Waiter {
        final UpstreamSelectors selectors;
        final Promise<Http1Connection> promise;
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile Scheduler.Task timer;

        Waiter(UpstreamSelectors selectors, Promise<Http1Connection> promise) {
            this.selectors = selectors;
            this.promise = promise;
        }

        boolean claim() {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            Scheduler.Task t = timer;
            if (t != null) {
                t.cancel();
            }
            return true;
        }
    }

    private static final int MAX_HAND_DEPTH = 16;
    /** How deep this thread is in handing connections to waiting requests. */
    private static final ThreadLocal<int[]> HANDING = ThreadLocal.withInitial(() -> new int[1]);

    /** Where a connection belongs: its selector's idle list and its endpoint's count. */
    final class Home {
        private final Idle idle;
        private final Limit limit;
        private final AtomicBoolean gone = new AtomicBoolean();

        private Home(Idle idle, Limit limit) {
            this.idle = idle;
            this.limit = limit;
        }

        /** The connection is free: to the first waiting request if any, else to the idle list. */
        void release(Http1Connection connection) {
            int[] depth;
            if (limit.waitingCount > 0 && (depth = HANDING.get())[0] < MAX_HAND_DEPTH) {
                Waiter next;
                synchronized (limit) {
                    next = nextWaiter(limit);
                }
                if (next != null) {
                    // a request of another selector's client may get it: the exchange then spans two threads.
                    // A waiter whose request is gone gives it back at once, which lands here again: the depth
                    // bound keeps a queue of such waiters from recursing through the whole queue.
                    depth[0]++;
                    try {
                        next.promise.succeeded(connection);
                    } finally {
                        depth[0]--;
                    }
                    return;
                }
            }
            idle.connections.offerFirst(connection);
            if (!connection.getEndPoint().isOpen()) {
                idle.connections.remove(connection);
            }
        }

        /** The connection closed (once is enough; later calls do nothing). */
        void remove(Http1Connection connection) {
            idle.connections.remove(connection);
            if (gone.compareAndSet(false, true)) {
                closed(limit);
            }
        }
    }

    private final class Pending implements UpstreamSelectors.Connect {
        private final UpstreamSelectors selectors;
        private final Home home;
        private final Promise<Http1Connection> promise;

        Pending(UpstreamSelectors selectors, Home home, Promise<Http1Connection> promise) {
            this.selectors = selectors;
            this.home = home;
            this.promise = promise;
        }

        @Override
        public Connection newConnection(EndPoint endPoint) {
            return new Http1Connection(endPoint, selectors.selectorManager().getExecutor(),
                    selectors.byteBufferPool(), home, new Opening() {
                        @Override
                        public void succeeded(Http1Connection result) {
                            promise.succeeded(result);
                        }

                        @Override
                        public void failed(Throwable x) {
                            promise.failed(x);
                        }
                    });
        }

        @Override
        public void failed(Throwable cause) {
            if (home.gone.compareAndSet(false, true)) {
                closed(home.limit);
            }
            promise.failed(cause);
        }
    }
}
