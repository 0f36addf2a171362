package dev.portolan.proxy.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads where logback sends the access logger's lines, so that the proxy can write them there itself. Only the
 * shape the shipped logback.xml uses is taken over: the logger not additive, its one appender an async appender
 * that never blocks, over one console (System.out or System.err) or plain file appender printing {@code %msg%n}
 * in UTF-8 (or the default charset), no filters anywhere. Anything else (a rolling file, a JSON encoder, a
 * test's list appender) keeps logback's own path. Loaded only when logback is the SLF4J binding.
 */
final class LogbackAccessTarget {

    /** Where the lines go and how many may wait, as the configuration says. */
    record Target(OutputStream out, boolean ownsStream, int queueSize, String description) {
    }

    private LogbackAccessTarget() {
    }

    /** The target the configuration describes, or null when it is not the simple shape. */
    static Target of(org.slf4j.Logger slf4j) {
        if (!(slf4j instanceof Logger logger) || logger.isAdditive()) {
            return null;
        }
        Appender<ILoggingEvent> only = only(logger.iteratorForAppenders());
        if (!(only instanceof AsyncAppenderBase<ILoggingEvent> async) || !async.isNeverBlock() || !async.isStarted()
                || !async.getCopyOfAttachedFiltersList().isEmpty()) {
            return null;
        }
        Appender<ILoggingEvent> inner = only(async.iteratorForAppenders());
        if (!(inner instanceof OutputStreamAppender<ILoggingEvent> stream) || !inner.isStarted()
                || !inner.getCopyOfAttachedFiltersList().isEmpty()
                || !(stream.getEncoder() instanceof PatternLayoutEncoder encoder)
                || !"%msg%n".equals(encoder.getPattern())
                || encoder.getCharset() != null && !encoder.getCharset().equals(StandardCharsets.UTF_8)) {
            return null;
        }
        if (inner instanceof ConsoleAppender<ILoggingEvent> console) {
            String target = console.getTarget();
            if ("System.out".equals(target)) {
                return new Target(System.out, false, async.getQueueSize(), "stdout");
            }
            if ("System.err".equals(target)) {
                return new Target(System.err, false, async.getQueueSize(), "stderr");
            }
            return null;
        }
        if (inner instanceof FileAppender<ILoggingEvent> file && !(inner instanceof RollingFileAppender)
                && !file.isPrudent() && file.getFile() != null) {
            try {
                return new Target(new FileOutputStream(file.getFile(), true), true, async.getQueueSize(),
                        file.getFile());
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Calls {@code onReset} whenever logback is reconfigured (the target may have changed). */
    static void onReconfigure(org.slf4j.Logger slf4j, Runnable onReset) {
        if (slf4j instanceof Logger logger) {
            logger.getLoggerContext().addListener(new LoggerContextListener() {
                @Override
                public boolean isResetResistant() {
                    return true;
                }

                @Override
                public void onStart(LoggerContext context) {
                    onReset.run();
                }

                @Override
                public void onReset(LoggerContext context) {
                    onReset.run();
                }

                @Override
                public void onStop(LoggerContext context) {
                    onReset.run();
                }

                @Override
                public void onLevelChange(Logger changed, ch.qos.logback.classic.Level level) {
                    // the level is checked per line
                }
            });
        }
    }

    private static Appender<ILoggingEvent> only(Iterator<Appender<ILoggingEvent>> appenders) {
        List<Appender<ILoggingEvent>> all = new ArrayList<>();
        appenders.forEachRemaining(all::add);
        return all.size() == 1 ? all.get(0) : null;
    }
}
