package dev.portolan.proxy.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 backend on a plain socket whose every byte a test scripts: it counts the connections it
 * accepts and hands each request (head read, Content-Length body read) to the script, which writes whatever it
 * likes (malformed answers, partial bodies, closes). A script returning false closes the connection.
 */
final class ScriptedBackend implements AutoCloseable {

    /** One request as received. */
    record Received(String head, byte[] body, int connection) {
        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }
    }

    @FunctionalInterface
    interface Script {
        /** Answers one request; false closes the connection afterwards. */
        boolean answer(Received request, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    final CopyOnWriteArrayList<Received> received = new CopyOnWriteArrayList<>();
    /** Request heads as soon as they are read, before their bodies. */
    final CopyOnWriteArrayList<String> heads = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Socket> open = new CopyOnWriteArrayList<>();

    ScriptedBackend(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-backend-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int number = connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket, number), "scripted-backend-conn-" + number);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                byte[] body = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                        ? readChunked(in) : in.readNBytes(contentLength(head));
                Received request = new Received(head, body, number);
                received.add(request);
                boolean keep = script.answer(request, out);
                out.flush();
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            // the proxy closed the connection
        } finally {
            open.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("end of stream in a chunk size");
                }
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().trim(), 16);
            body.write(in.readNBytes(length));
            in.readNBytes(2); // CRLF after the data, or after the last chunk (no trailers)
            if (length == 0) {
                return body.toByteArray();
            }
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
