package dev.portolan.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback between a client and a server that a test can cut, as a network failure or a restarting
 * API server would: {@link #cut()} resets every open connection (watches included) and refuses new ones until
 * {@link #restore()} listens again on the same port.
 */
final class CuttableTcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cuttable-tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket listener;

    CuttableTcpProxy(int targetPort) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        listener = listen(0);
        port = listener.getLocalPort();
    }

    int port() {
        return port;
    }

    /** Resets every relayed connection and refuses new ones. */
    synchronized void cut() {
        closeQuietly(listener);
        // RST rather than a polite FIN, on every socket before any is closed: a pump thread that sees one side
        // closed closes the other itself, and that must be a reset too. (A FIN that arrives while the JDK client
        // handles a watch's first message can go unnoticed by its WebSocket until fabric8 re-watches minutes
        // later; a relay that reliably breaks connections is what the tests need.)
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Accepts connections again on the same port. */
    synchronized void restore() {
        listener = listen(port);
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            threads.execute(() -> acceptLoop(socket));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                synchronized (this) {
                    if (socket.isClosed()) { // cut while connecting: this connection must not survive it
                        closeQuietly(server);
                        closeQuietly(client);
                        return;
                    }
                    open.add(client);
                    open.add(server);
                }
                AtomicInteger directions = new AtomicInteger(2);
                threads.execute(() -> pump(client, server, directions));
                threads.execute(() -> pump(server, client, directions));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies one direction; the pair is closed once both directions ended (or at the first error). */
    private void pump(Socket from, Socket to, AtomicInteger directions) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput(); // pass the half-close on
            if (directions.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException e) {
            // one side broke: so does the pair
        }
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public synchronized void close() {
        cut();
        threads.shutdownNow();
    }
}
