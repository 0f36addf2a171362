package dev.portolan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class StartupFailureTest {
    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BindException bind = null;
            try (ServerSocket second = new ServerSocket(taken.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                second.getLocalPort();
            } catch (BindException e) {
                bind = e;
            }
            assertTrue(bind != null, "binding a taken port fails");
            // Micronaut wraps the BindException in its ServerStartupException
            RuntimeException wrapped = new RuntimeException("Unable to start Micronaut server", bind);
            String line = StartupFailure.portTaken(wrapped, taken.getLocalPort()).orElseThrow();
            assertTrue(line.contains("Port " + taken.getLocalPort() + " is already in use"), line);
            assertTrue(line.contains("-Dmicronaut.server.port=" + (taken.getLocalPort() + 1)), line);
            assertEquals(1, line.lines().count());
        }
    }

    @Test
    void thePortMicronautNamesWinsOverTheConfiguredOne() {
        RuntimeException failure = new RuntimeException("Unable to start Micronaut server on 127.0.0.1:18282",
                new BindException("Address already in use"));
        String line = StartupFailure.portTaken(failure, 8080).orElseThrow();
        assertTrue(line.startsWith("portolan: Port 18282 is already in use"), line);
    }

    @Test
    void otherFailuresAreLeftToMicronaut() {
        assertTrue(StartupFailure.portTaken(new IllegalStateException("bad config"), 8080).isEmpty());
        assertTrue(StartupFailure.portTaken(new RuntimeException(new IOException("disk")), 8080).isEmpty());
    }
}
