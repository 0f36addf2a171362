package dev.portolan.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: {@code connections} keep-alive HTTP/1.1 connections, each sending GETs on a fixed schedule so that
 * together they ask {@code ratePerSecond}. A request's latency counts from when it was due, not from when it was
 * sent, so that a stall delays (and counts against) every request due during it (no coordinated omission). Plain
 * sockets and a minimal response reader: the JDK's HttpClient hands each exchange between its own threads, and
 * that jitter would be measured as the gateway's.
 */
final class FixedRateLoad {
    private static final int TIMEOUT_MILLIS = 5_000;

    /** Latencies in nanoseconds, and how many requests failed (an error, a non-200 answer, a lost connection). */
    static final class Result {
        private long[] nanos = new long[1 << 14];
        private long[] dueNanos = new long[1 << 14];
        private int count;
        private int failures;

        synchronized void add(long dueNanoTime, long latencyNanos, boolean failed) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
                dueNanos = Arrays.copyOf(dueNanos, count * 2);
            }
            dueNanos[count] = dueNanoTime;
            nanos[count++] = latencyNanos;
            if (failed) {
                failures++;
            }
        }

        synchronized int count() {
            return count;
        }

        synchronized int failures() {
            return failures;
        }

        /** The percentile in milliseconds (nearest rank). */
        synchronized double millisAt(double percentile) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) Math.ceil(percentile / 100.0 * count) - 1)] / 1e6;
        }

        /** Each request as {@code due latency} in nanoseconds ({@code System.nanoTime()} frame), in answer order. */
        synchronized void forEach(java.util.function.BiConsumer<Long, Long> dueAndLatency) {
            for (int i = 0; i < count; i++) {
                dueAndLatency.accept(dueNanos[i], nanos[i]);
            }
        }

        String describe(double seconds) {
            return String.format(Locale.ROOT, "%.0f req/s p50 %.2f p99 %.2f p99.9 %.2f ms", count() / seconds,
                    millisAt(50), millisAt(99), millisAt(99.9));
        }
    }

    private FixedRateLoad() {
    }

    /** Runs the load for {@code seconds} (then waits for answers in flight) and returns what it measured. */
    static Result run(String host, int port, String path, int ratePerSecond, int connections, double seconds)
            throws InterruptedException {
        Result result = new Result();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / ratePerSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long end = start + (long) (seconds * 1e9);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long first = start + intervalNanos * c / connections; // staggered: the connections do not ask in step
            Thread thread = new Thread(() -> drive(host, port, request, first, intervalNanos, end, result),
                    "fixed-rate-load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis((long) seconds) + 2L * TIMEOUT_MILLIS);
        }
        return result;
    }

    private static void drive(String host, int port, byte[] request, long first, long intervalNanos, long end,
                              Result result) {
        Socket socket = null;
        for (long due = first; due < end; due += intervalNanos) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                if (socket == null) {
                    socket = connect(host, port);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                int status = readResponse((BufferedInputStream) socket.getInputStream());
                result.add(due, System.nanoTime() - due, status != 200);
            } catch (IOException e) {
                result.add(due, System.nanoTime() - due, true);
                closeQuietly(socket);
                socket = null;
            }
        }
        closeQuietly(socket);
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket() {
            private InputStream in;

            @Override
            public InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new BufferedInputStream(super.getInputStream(), 8192);
                }
                return in;
            }
        };
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        return socket;
    }

    /** Reads one answer with a Content-Length or chunked body; returns its status. */
    static int readResponse(BufferedInputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1 answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine(in).split(";", 2)[0].trim(), 16); size > 0;
                 size = Long.parseLong(readLine(in).split(";", 2)[0].trim(), 16)) {
                skip(in, size);
                readLine(in);
            }
            while (!readLine(in).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(in, length);
        } else {
            throw new IOException("an answer without Content-Length cannot be kept alive here");
        }
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 16_384) {
                throw new IOException("header line too long");
            }
        }
        return line.toString();
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
