package dev.portolan.proxy.sync;

import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config channel over TLS trusting only the control plane's CA ({@code --ca-file}): a control plane with a
 * certificate of that CA serves; one with a certificate of another CA is refused before the token is sent.
 */
class RemoteConfigSourceTlsTest {
    private static final CertificateAuthority CONTROL_PLANE_CA = TestPki.newCa("control plane CA");
    private static final CertificateAuthority OTHER_CA = TestPki.newCa("some other CA");

    @TempDir
    Path dir;

    private static ProxyConfig config() {
        return new ProxyConfig("1", List.of(gateway("gw", null, Map.of(), http("web", 80, null, route("r", "/", "x")))));
    }

    private RemoteConfigSource source(FakeControlPlane controlPlane, Path token) throws Exception {
        Path caFile = Files.writeString(dir.resolve("ca.crt"), CONTROL_PLANE_CA.certificatePem());
        return new RemoteConfigSource(URI.create(controlPlane.url()), RemoteConfigSourceAuthTest.GATEWAY, token,
                TrustedCa.sslContext(caFile), Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @Test
    void aControlPlaneWithACertificateOfTheTrustedCaServesTheConfig() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "token-1");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0, CONTROL_PLANE_CA.issue("127.0.0.1")
                .keyStore("server", "secret".toCharArray()));
                RemoteConfigSource source = source(controlPlane, token)) {
            controlPlane.publish(config());
            source.start(received::add);
            assertEquals("1", received.poll(10, TimeUnit.SECONDS).version());
            assertEquals("Bearer token-1", controlPlane.authorizations.get(0));
            assertTrue(source.configUri().toString().startsWith("https://"));
        }
    }

    @Test
    void aControlPlaneWithACertificateOfAnotherCaIsRefusedAndGetsNoToken() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "token-1");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane impostor = new FakeControlPlane(0, OTHER_CA.issue("127.0.0.1")
                .keyStore("server", "secret".toCharArray()));
                RemoteConfigSource source = source(impostor, token)) {
            impostor.publish(config());
            source.start(received::add);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (source.status().consecutiveFailures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertNull(received.poll(), "no config from a server the CA did not certify");
            assertTrue(source.status().consecutiveFailures() >= 2, "the handshake fails, and keeps failing");
            assertTrue(source.status().lastError().contains("unreachable"), source.status().lastError());
            assertEquals(List.of(), impostor.authorizations, "the token never reached the impostor");
        }
    }

    @Test
    void aCertificateOfTheTrustedCaForAnotherHostIsRefused() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "token-1");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane wrongName = new FakeControlPlane(0, CONTROL_PLANE_CA.issue("elsewhere.example")
                .keyStore("server", "secret".toCharArray()));
                RemoteConfigSource source = source(wrongName, token)) {
            wrongName.publish(config());
            source.start(received::add);
            assertNull(received.poll(2, TimeUnit.SECONDS), "the host name is checked too");
            assertEquals(List.of(), wrongName.authorizations);
        }
    }

    @Test
    void aCaFileThatIsNoCertificateIsNamed() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.crt"), "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedCa.sslContext(notPem));
        assertTrue(e.getMessage().startsWith("--ca-file " + notPem), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrustedCa.sslContext(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
