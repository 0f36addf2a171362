package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which logback configurations of {@code portolan.access} the proxy takes over (the shipped shape: an async
 * appender that never blocks over a console or plain file appender printing {@code %msg%n}), and which it leaves to
 * logback; lines written through a taken-over file target land in that file, whole.
 */
class LogbackAccessTargetTest {

    @TempDir
    Path folder;

    private static final String CONSOLE = """
            <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%msg%n</pattern></encoder>
            </appender>""";

    private static org.slf4j.Logger configure(String appenders, String async, String additivity) throws Exception {
        String xml = "<configuration>" + appenders
                + "<appender name=\"ACCESS\" class=\"ch.qos.logback.classic.AsyncAppender\">" + async
                + "<appender-ref ref=\"OUT\"/></appender>"
                + "<logger name=\"portolan.access\" level=\"INFO\" additivity=\"" + additivity + "\">"
                + "<appender-ref ref=\"ACCESS\"/></logger></configuration>";
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context.getLogger("portolan.access");
    }

    @Test
    void theShippedConsoleShapeIsTakenOverWithItsQueueSize() throws Exception {
        LogbackAccessTarget.Target target = LogbackAccessTarget.of(configure(CONSOLE,
                "<queueSize>8192</queueSize><discardingThreshold>0</discardingThreshold><neverBlock>true</neverBlock>",
                "false"));
        assertNotNull(target);
        assertEquals(System.out, target.out());
        assertFalse(target.ownsStream());
        assertEquals(8192, target.queueSize());
    }

    @Test
    void anythingElseStaysWithLogback() throws Exception {
        String never = "<neverBlock>true</neverBlock>";
        assertNull(LogbackAccessTarget.of(configure(CONSOLE, "", "false")), "may block: logback keeps it");
        assertNull(LogbackAccessTarget.of(configure(CONSOLE, never, "true")), "also printed by the root logger");
        assertNull(LogbackAccessTarget.of(configure(CONSOLE.replace("%msg%n", "%d %msg%n"), never, "false")),
                "another layout");
        assertNull(LogbackAccessTarget.of(configure("""
                <appender name="OUT" class="ch.qos.logback.core.read.ListAppender"/>""", never, "false")),
                "a list appender (tests)");
        assertNull(LogbackAccessTarget.of(configure(CONSOLE.replace("</appender>",
                "<filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\"><level>WARN</level></filter>"
                        + "</appender>"), never, "false")), "a filter");
    }

    @Test
    void aPlainFileIsTakenOverAndLinesLandInIt() throws Exception {
        Path file = folder.resolve("access.log");
        LogbackAccessTarget.Target target = LogbackAccessTarget.of(configure("""
                <appender name="OUT" class="ch.qos.logback.core.FileAppender">
                  <file>%s</file>
                  <encoder><pattern>%%msg%%n</pattern></encoder>
                </appender>""".formatted(file), "<neverBlock>true</neverBlock><queueSize>64</queueSize>", "false"));
        assertNotNull(target);
        assertTrue(target.ownsStream());
        assertEquals(64, target.queueSize());
        AccessLogWriter writer = new AccessLogWriter(target.out(), target.ownsStream(), target.queueSize(),
                "test-access-file");
        AccessLogFormat format = new AccessLogFormat();
        for (int i = 0; i < 3; i++) {
            assertTrue(writer.offer(format.line(1_767_000_000L, 0, "ns", "gw", "http", "ns", "route", 0, "GET",
                    "/p/" + i, 200, 1.5, 10, "ns/svc:80", "id-" + i, "127.0.0.1", 5000)));
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(AccessLogWriter.IDLE_PARK_NANOS) * 2);
        }
        writer.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("{\"time\":\"2025-12-29T09:20:00Z\",\"gateway\":\"ns/gw\",\"listener\":\"http\",\"route\":"
                + "\"ns/route\",\"rule\":0,\"method\":\"GET\",\"path\":\"/p/2\",\"status\":200,\"duration_ms\":1.5,"
                + "\"bytes\":10,\"upstream\":\"ns/svc:80\",\"request_id\":\"id-2\",\"client\":\"127.0.0.1:5000\"}",
                lines.get(2));
    }
}
