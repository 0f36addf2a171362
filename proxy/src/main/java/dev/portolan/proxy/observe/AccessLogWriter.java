package dev.portolan.proxy.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished access log lines, written to a stream by one thread of its own. Threads that serve requests only
 * encode their line and add it to a bounded lock-free queue: they never wait for the output, never wake the writer
 * (it looks every few milliseconds while idle) and never make a system call. When the queue is full the line is
 * dropped and counted. The writer writes everything queued in one go (one system call per batch, not per line),
 * which is where the time of a per-line appender went.
 */
public final class AccessLogWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
    /** How long the writer sleeps when the queue is empty: the most a line waits before it is written. */
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long DROP_WARNING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final OutputStream out;
    private final boolean ownsStream;
    private final int capacity;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final byte[] batch = new byte[64 * 1024];
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param out        where lines go
     * @param ownsStream whether closing this writer closes {@code out} (not stdout)
     * @param capacity   most lines waiting; more are dropped
     */
    public AccessLogWriter(OutputStream out, boolean ownsStream, int capacity, String threadName) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.out = out;
        this.ownsStream = ownsStream;
        this.capacity = capacity;
        this.writer = new Thread(this::run, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line (a newline is added); false when the queue was full and the line dropped. */
    public boolean offer(CharSequence line) {
        if (closed || queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return false;
        }
        queue.offer(encode(line));
        return true;
    }

    /** Lines dropped because the queue was full (the output did not keep up), since this writer started. */
    public long dropped() {
        return dropped.sum();
    }

    /** Lines written to the stream so far. */
    public long written() {
        return written.sum();
    }

    /** UTF-8 with the newline; ASCII, by far the usual case, is copied char by char. */
    private static byte[] encode(CharSequence line) {
        int length = line.length();
        byte[] ascii = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = line.toString().getBytes(StandardCharsets.UTF_8);
                byte[] withNewline = java.util.Arrays.copyOf(utf8, utf8.length + 1);
                withNewline[utf8.length] = '\n';
                return withNewline;
            }
            ascii[i] = (byte) c;
        }
        ascii[length] = '\n';
        return ascii;
    }

    private void run() {
        long lastDropWarning = System.nanoTime();
        long droppedAtWarning = 0;
        while (true) {
            boolean wrote = drain();
            if (closed && queue.isEmpty()) {
                if (ownsStream) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        LOG.debug("closing the access log stream failed", e);
                    }
                }
                return;
            }
            if (!wrote) {
                long now = System.nanoTime();
                if (now - lastDropWarning >= DROP_WARNING_EVERY_NANOS) {
                    long total = dropped.sum();
                    if (total > droppedAtWarning) {
                        LOG.warn("access log: {} lines dropped in the last minute (the output did not keep up)",
                                total - droppedAtWarning);
                    }
                    droppedAtWarning = total;
                    lastDropWarning = now;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** Writes what is queued (not what arrives meanwhile: the next pass takes it); whether there was anything. */
    private boolean drain() {
        int filled = 0;
        int lines = 0;
        int todo = queued.get();
        try {
            for (byte[] line = todo > 0 ? queue.poll() : null; line != null;
                 line = lines < todo ? queue.poll() : null) {
                queued.decrementAndGet();
                lines++;
                if (filled + line.length > batch.length) {
                    out.write(batch, 0, filled);
                    filled = 0;
                }
                if (line.length > batch.length) {
                    out.write(line);
                } else {
                    System.arraycopy(line, 0, batch, filled, line.length);
                    filled += line.length;
                }
            }
            if (filled > 0) {
                out.write(batch, 0, filled);
            }
            if (lines > 0) {
                out.flush();
                written.add(lines);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("access log: writing failed, {} lines lost: {}", lines, e.toString());
        }
        return lines > 0;
    }

    /** Writes what is queued, then stops the writer; later lines are dropped. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
