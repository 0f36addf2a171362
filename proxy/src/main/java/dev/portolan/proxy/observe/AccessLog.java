package dev.portolan.proxy.observe;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's access log: logger {@code portolan.access}, one JSON object per request ({@link AccessLogLine}).
 * The logger's level turns it on and off. Each thread formats its lines into a builder of its own
 * ({@link AccessLogFormat}); when logback sends the logger to the console or a plain file through an async
 * appender that never blocks (the shipped logback.xml), the line goes straight to an {@link AccessLogWriter} with
 * the same destination and queue size: no logging event per request, no wake-up of a writer thread per line, and
 * one write per batch of lines. Any other configuration gets its lines as logging events, as before.
 */
public final class AccessLog {
    static final Logger ACCESS = LoggerFactory.getLogger("portolan.access");
    private static final ThreadLocal<AccessLogFormat> FORMATS = ThreadLocal.withInitial(AccessLogFormat::new);
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final boolean LOGBACK = ACCESS.getClass().getName().startsWith("ch.qos.logback.");
    private static final Object LOCK = new Object();
    /** The writer in use; null: not decided yet. */
    private static volatile Sink sink;

    static {
        if (LOGBACK) {
            LogbackAccessTarget.onReconfigure(ACCESS, AccessLog::reconfigured);
        }
    }

    private AccessLog() {
    }

    /** Whether lines are wanted (the logger's level); checked per request, so a level change applies at once. */
    public static boolean enabled() {
        return ACCESS.isInfoEnabled();
    }

    /** Writes one line; see {@link AccessLogFormat#line} for the parameters. Never blocks. */
    public static void write(Instant time, String gatewayNamespace, String gatewayName, String listener,
                             String routeNamespace, String routeName, int rule, String method, String path,
                             int status, double durationMillis, long bytes, String backend, String requestId,
                             String clientAddress, int clientPort) {
        StringBuilder line = FORMATS.get().line(time.getEpochSecond(), time.getNano(), gatewayNamespace, gatewayName,
                listener, routeNamespace, routeName, rule, method, path, status, durationMillis, bytes, backend,
                requestId, clientAddress, clientPort);
        Sink current = sink;
        if (current == null) {
            current = decide();
        }
        if (current.writer != null) {
            current.writer.offer(line);
        } else {
            ACCESS.info(line.toString());
        }
    }

    /** Lines the direct writer dropped because its queue was full (0 when lines go through logback). */
    public static long dropped() {
        Sink current = sink;
        return current == null || current.writer == null ? 0 : current.writer.dropped();
    }

    private static Sink decide() {
        synchronized (LOCK) {
            if (sink == null) {
                LogbackAccessTarget.Target target = LOGBACK ? LogbackAccessTarget.of(ACCESS) : null;
                if (target == null) {
                    sink = new Sink(null);
                } else {
                    LOG.debug("access log written directly to {} (queue of {})", target.description(),
                            target.queueSize());
                    sink = new Sink(new AccessLogWriter(target.out(), target.ownsStream(), target.queueSize(),
                            "portolan-access-log"));
                }
            }
            return sink;
        }
    }

    /** Logback was reconfigured: decide again at the next line; the old writer writes what it holds, then stops. */
    private static void reconfigured() {
        Sink old;
        synchronized (LOCK) {
            old = sink;
            sink = null;
        }
        if (old != null && old.writer != null) {
            old.writer.close();
        }
    }

    private record Sink(AccessLogWriter writer) {
    }
}
