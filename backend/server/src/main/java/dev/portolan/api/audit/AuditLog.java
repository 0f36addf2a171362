package dev.portolan.api.audit;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portolan.wiring.EmbeddedLauncher;
import dev.portolan.wiring.PortolanConfig;
import dev.portolan.model.Manifests;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: every write as one JSON line on the logger {@code portolan.audit}, which writes to its own rotated
 * file (bounded: size times file count), and the last entries in memory for the dashboard.
 */
@Singleton
public class AuditLog {
    public static final String LOGGER = "portolan.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRing ring;
    private final Optional<Path> file;
    private final RollingFileAppender<ILoggingEvent> appender;

    public AuditLog(AuditSettings settings, PortolanConfig config) {
        this.ring = new AuditRing(settings.getEntries());
        this.file = fileOf(settings, config);
        this.appender = file.map(path -> attach(path, settings)).orElse(null);
    }

    public void record(AuditEntry entry) {
        ring.add(entry);
        try {
            AUDIT.info(Manifests.JSON.writeValueAsString(entry.fields()));
        } catch (JsonProcessingException e) {
            LOG.warn("audit entry not written: {}", e.getMessage());
        }
    }

    public List<AuditEntry> newestFirst() {
        return ring.newestFirst();
    }

    public int capacity() {
        return ring.capacity();
    }

    /** The file the log goes to, if any. */
    public Optional<Path> file() {
        return appender == null ? Optional.empty() : file;
    }

    static Optional<Path> fileOf(AuditSettings settings, PortolanConfig config) {
        String setting = settings.getFile();
        if (setting.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (!setting.isEmpty()) {
            return Optional.of(Path.of(setting).toAbsolutePath());
        }
        boolean embedded = config.getMode() == null || config.getMode().equals(EmbeddedLauncher.MODE);
        if (!embedded || config.getManifests() == null) {
            return Optional.empty();
        }
        return Optional.of(config.getManifests().resolve(".portolan").resolve("audit.log").toAbsolutePath());
    }

    private static RollingFileAppender<ILoggingEvent> attach(Path path, AuditSettings settings) {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            LOG.warn("audit log file {} cannot be created ({}); audit entries go to the log only", path,
                    e.getMessage());
            return null;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("portolan-audit-" + path);
        appender.setFile(path.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(path + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(settings.getMaxFiles());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(settings.getMaxFileSize()));
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(LOGGER).addAppender(appender);
        LOG.info("audit log: {}", path);
        return appender;
    }

    @PreDestroy
    void close() {
        if (appender != null) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LOGGER).detachAppender(appender);
            appender.stop();
        }
    }
}
