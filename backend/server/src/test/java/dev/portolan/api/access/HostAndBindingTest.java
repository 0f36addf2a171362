package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's finding 6 (DNS rebinding: any Host was answered, proxy configs with private keys included) and the
 * second half of finding 5 (the server listened on every interface), through the real server in embedded mode.
 */
@MicronautTest
@Property(name = "portolan.api.write-token", value = HostAndBindingTest.TOKEN)
@Property(name = "portolan.api.allowed-hosts", value = "portolan.internal.example")
@Property(name = "portolan.proxy.enabled", value = "false")
class HostAndBindingTest {
    static final String TOKEN = "host-and-binding-test-token";

    @Inject
    EmbeddedServer server;

    private RawHttp.Answer get(String path, String host, String... headers) throws IOException {
        return RawHttp.get("127.0.0.1", server.getPort(), path, host, headers);
    }

    @Test
    void aRebindingNameIsRefusedEvenWithAToken() throws IOException {
        RawHttp.Answer config = get("/proxy/v1/config", "attacker.example:" + server.getPort(),
                "Authorization: Bearer " + TOKEN);
        assertEquals(421, config.status(), config.head());
        assertTrue(config.header("Content-Type").startsWith("application/problem+json"), config.head());
        assertTrue(config.body().contains("attacker.example"), config.body());
        assertFalse(config.body().contains("privateKey"), config.body());
        assertEquals(421, get("/api/v1/summary", "attacker.example").status(), "loopback reads too");
        assertEquals(421, get("/", "attacker.example:8080").status(), "the dashboard too");
        assertEquals(421, get("/ui/main.js", "attacker.example").status(), "and its assets");
    }

    @Test
    void loopbackNamesOnAnyPortAndConfiguredNamesAreAnswered() throws IOException {
        for (String host : new String[] {"localhost", "localhost:" + server.getPort(), "127.0.0.1:1", "[::1]:8080",
                "LOCALHOST.", "portolan.internal.example:443"}) {
            assertEquals(200, get("/api/v1/summary", host).status(), host);
        }
    }

    @Test
    void ipLiteralsAndLookalikesAreRefusedInEmbeddedMode() throws IOException {
        for (String host : new String[] {"10.0.0.7", "localhost.attacker.example", "127.0.0.1.nip.io",
                "evil-localhost", "", "localhost:http", "[::1"}) {
            assertEquals(421, get("/api/v1/summary", host).status(), "Host '" + host + "'");
        }
    }

    @Test
    void aRequestWithoutHostIsRefused() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /api/v1/summary HTTP/1.0\r\n\r\n".getBytes());
            String status = new String(socket.getInputStream().readNBytes(12));
            assertNotEquals("HTTP/1.0 200", status);
            assertNotEquals("HTTP/1.1 200", status);
        }
    }

    @Test
    void embeddedModeListensOnLoopbackOnly() throws IOException {
        assertEquals("127.0.0.1", server.getHost());
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no address beyond loopback");
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(
                    new InetSocketAddress(other.get(), server.getPort()), 2_000),
                    "nothing answers on " + other.get().getHostAddress());
        }
    }
}
