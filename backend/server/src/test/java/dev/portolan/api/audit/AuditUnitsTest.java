package dev.portolan.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.wiring.PortolanConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory ring's bound and order, and where the file goes by default. */
class AuditUnitsTest {
    private static AuditEntry entry(String object) {
        return new AuditEntry(Instant.EPOCH, "p", "127.0.0.1", "apply", object, "created", 200, "bearer");
    }

    @Test
    void theRingKeepsTheNewestUpToItsCapacity() {
        AuditRing ring = new AuditRing(3);
        for (int i = 1; i <= 10; i++) {
            ring.add(entry("o" + i));
        }
        assertEquals(List.of("o10", "o9", "o8"), ring.newestFirst().stream().map(AuditEntry::object).toList());
    }

    @Test
    void theFileDefaultsToTheManifestsFolderInEmbeddedModeOnly() {
        PortolanConfig config = new PortolanConfig();
        config.setManifests(Path.of("/srv/manifests"));
        AuditSettings settings = new AuditSettings();
        assertEquals(Optional.of(Path.of("/srv/manifests/.portolan/audit.log")), AuditLog.fileOf(settings, config));
        config.setMode("kubernetes");
        assertTrue(AuditLog.fileOf(settings, config).isEmpty(), "Kubernetes mode: the log stream only");
        settings.setFile("/var/log/portolan/audit.log");
        assertEquals(Optional.of(Path.of("/var/log/portolan/audit.log")), AuditLog.fileOf(settings, config));
        settings.setFile("none");
        assertTrue(AuditLog.fileOf(settings, config).isEmpty());
    }
}
