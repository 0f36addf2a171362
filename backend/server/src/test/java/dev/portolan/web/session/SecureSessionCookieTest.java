package dev.portolan.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.api.access.BrowserSessions;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.TestPki;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Over HTTPS (real TLS, a certificate from a generated CA) the session cookies are also Secure. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureSessionCookieTest implements TestPropertyProvider {
    private static final String TOKEN = "https-tests-token";
    private static final String PASSWORD = "changeit";
    private final CertificateAuthority ca = TestPki.newCa("portolan test CA");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-https");
            Path keyStore = folder.resolve("server.p12");
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                ca.issue("localhost", "127.0.0.1").keyStore("server", PASSWORD.toCharArray())
                        .store(out, PASSWORD.toCharArray());
            }
            Path manifests = Files.createDirectories(folder.resolve("manifests"));
            return Map.of("portolan.manifests", manifests.toString(), "portolan.api.write-token", TOKEN,
                    "portolan.audit.file", "none",
                    "micronaut.server.ssl.enabled", "true", "micronaut.server.ssl.port", "-1",
                    "micronaut.server.ssl.key-store.path", "file:" + keyStore,
                    "micronaut.server.ssl.key-store.type", "PKCS12",
                    "micronaut.server.ssl.key-store.password", PASSWORD);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void overHttpsBothCookiesAreSecure() throws Exception {
        assertEquals("https", server.getScheme());
        HttpClient http = HttpClient.newBuilder().sslContext(TestPki.sslContext(ca)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.getPort() + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode(), response.body());
        for (String name : new String[] {BrowserSessions.SESSION_COOKIE, BrowserSessions.CSRF_COOKIE}) {
            String cookie = response.headers().allValues("Set-Cookie").stream()
                    .filter(h -> h.startsWith(name + "=")).findFirst().orElseThrow();
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.contains("SameSite=Strict"), cookie);
        }
    }
}
