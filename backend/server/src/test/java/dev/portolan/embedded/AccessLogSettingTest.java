package dev.portolan.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback.xml (embedded mode and the standalone proxy in the image share it): the proxy's access log
 * is on by default, printed as the bare JSON message on its own line, not duplicated through the root logger, and
 * PORTOLAN_ACCESS_LOG=off turns it off.
 */
class AccessLogSettingTest {

    private static Logger accessLogger(String setting) throws Exception {
        LoggerContext context = new LoggerContext();
        if (setting != null) {
            context.putProperty("PORTOLAN_ACCESS_LOG", setting);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL shipped = AccessLogSettingTest.class.getResource("/logback.xml");
        configurator.doConfigure(shipped);
        return context.getLogger("portolan.access");
    }

    @Test
    void onByDefaultAsBareJsonLines() throws Exception {
        Logger access = accessLogger(null);
        assertTrue(access.isInfoEnabled());
        assertFalse(access.isAdditive(), "not printed a second time through the root logger");
        Appender<ILoggingEvent> queue = access.getAppender("ACCESS");
        assertTrue(queue instanceof AsyncAppender, String.valueOf(queue));
        AsyncAppender async = (AsyncAppender) queue;
        assertTrue(async.isNeverBlock(), "a blocked stdout must not stall the proxy's selector threads");
        assertEquals(0, async.getDiscardingThreshold(), "INFO lines are not dropped before the queue is full");
        Appender<ILoggingEvent> appender = async.getAppender("ACCESS_CONSOLE");
        assertTrue(appender instanceof ConsoleAppender, String.valueOf(appender));
        assertEquals("%msg%n",
                ((PatternLayoutEncoder) ((ConsoleAppender<ILoggingEvent>) appender).getEncoder()).getPattern());
    }

    @Test
    void offWhenTheSettingSaysOff() throws Exception {
        assertFalse(accessLogger("off").isInfoEnabled());
        assertFalse(accessLogger("OFF").isInfoEnabled());
    }
}
