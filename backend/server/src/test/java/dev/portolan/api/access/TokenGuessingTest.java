package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client guessing tokens, on a real server: after ten unknown tokens from one address every token it offers,
 * even the right one, through the API or the sign-in form, gets 429 with Retry-After; another address is not
 * slowed. Clients come from distinct loopback addresses (127.0.0.x) so that the test's own requests stay apart.
 */
@MicronautTest(environments = TokenGuessingTest.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenGuessingTest implements TestPropertyProvider {
    static final String ENVIRONMENT = "token-guessing-test";
    private static final String TOKEN = "the-right-token-of-token-guessing-test";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("portolan.manifests", Files.createTempDirectory("portolan-guessing").toString(),
                    "portolan.proxy.enabled", "false", "portolan.api.trust-loopback", "false",
                    "portolan.api.write-token", TOKEN, "portolan.audit.file", "none");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void guessingBearerTokensIsSlowedDownPerAddress() throws Exception {
        String guesser = "127.0.0.21";
        for (int i = 0; i < TokenGuessLimit.BURST; i++) {
            assertEquals(401, summary(guesser, "guess-" + i).status(), "guess " + i);
        }
        RawHttp.Answer refused = summary(guesser, TOKEN);
        assertEquals(429, refused.status(), "the right token is not even checked: " + refused.head());
        assertNotNull(refused.header("Retry-After"), refused.head());
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused.head());
        assertTrue(refused.body().contains("\"field\":\"Authorization\"") && refused.body().contains("too many"),
                refused.body());

        assertEquals(200, summary("127.0.0.22", TOKEN).status(), "another address reads as before");
        assertEquals(401, summary("127.0.0.22", "one-wrong-guess").status());
    }

    @Test
    void guessingThroughTheSignInFormIsSlowedDownToo() throws Exception {
        String guesser = "127.0.0.23";
        for (int i = 0; i < TokenGuessLimit.BURST; i++) {
            assertEquals(401, signIn(guesser, "guess-" + i).status(), "guess " + i);
        }
        RawHttp.Answer refused = signIn(guesser, TOKEN);
        assertEquals(429, refused.status(), refused.head());
        assertNotNull(refused.header("Retry-After"), refused.head());
        assertTrue(refused.body().contains("Too many wrong tokens"), refused.body());
        assertEquals(429, summary(guesser, TOKEN).status(), "one allowance for the API and the form");
        assertEquals(303, signIn("127.0.0.24", TOKEN).status(), "another address signs in");
    }

    private RawHttp.Answer summary(String from, String token) throws IOException {
        return RawHttp.exchange(from, "127.0.0.1", server.getPort(), "GET /api/v1/summary HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
    }

    private RawHttp.Answer signIn(String from, String token) throws IOException {
        String form = "token=" + token + "&next=/";
        return RawHttp.exchange(from, "127.0.0.1", server.getPort(), "POST /ui/sign-in HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length() + "\r\nConnection: close\r\n\r\n" + form);
    }
}
