package dev.portolan.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.api.access.BrowserSessions;
import dev.portolan.api.audit.AuditLog;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign-in, session cookie, CSRF and the sign-in redirect on a real server, with loopback no longer trusted, so only
 * a token (bearer or behind the session cookie) lets a request read.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSessionApiTest implements TestPropertyProvider {
    private static final String TOKEN = "browser-tests-token";
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: %s
              namespace: default
            spec:
              ports:
              - port: 8080
            """;
    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects: they are asserted

    @Inject
    EmbeddedServer server;

    @Inject
    AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        try {
            String folder = Files.createTempDirectory("portolan-sessions").toString();
            return Map.of("portolan.manifests", folder, "portolan.api.write-token", TOKEN,
                    "portolan.api.trust-loopback", "false", "portolan.audit.file", "none");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String token, String next) throws IOException, InterruptedException {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        return send(request("/ui/sign-in").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return setCookie(response, name).map(header -> header.substring(name.length() + 1, header.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no cookie " + name + ": " + response.headers().map()));
    }

    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
    }

    /** A signed-in browser: its session cookie and CSRF token. */
    private record Browser(String session, String csrf) {
        String cookies() {
            return BrowserSessions.SESSION_COOKIE + "=" + session + "; " + BrowserSessions.CSRF_COOKIE + "=" + csrf;
        }
    }

    private Browser signedIn() throws IOException, InterruptedException {
        HttpResponse<String> response = signIn(TOKEN, null);
        assertEquals(303, response.statusCode());
        return new Browser(cookie(response, BrowserSessions.SESSION_COOKIE),
                cookie(response, BrowserSessions.CSRF_COOKIE));
    }

    private HttpRequest.Builder applyService(String name) {
        return request("/api/v1/apply").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(SERVICE.formatted(name)));
    }

    @Test
    void signInPageIsAPlainFormThatWorksWithoutScript() throws Exception {
        HttpResponse<String> page = send(request("/ui/sign-in?next=/ui/apply"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(
                "<form class=\"tool-form sign-in-form\" method=\"post\" action=\"/ui/sign-in\">"), page.body());
        assertTrue(page.body().contains("name=\"next\" value=\"/ui/apply\""), page.body());
        assertTrue(page.body().contains("type=\"password\" name=\"token\""));
    }

    @Test
    void aGoodTokenSetsAnHttpOnlyStrictSessionCookieAndGoesBack() throws Exception {
        HttpResponse<String> response = signIn(TOKEN, "/ui/apply?x=1");
        assertEquals(303, response.statusCode());
        assertEquals("/ui/apply?x=1", response.headers().firstValue("Location").orElseThrow());
        String session = setCookie(response, BrowserSessions.SESSION_COOKIE).orElseThrow();
        assertTrue(session.contains("HTTPOnly") || session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Strict"), session);
        assertTrue(session.contains("Path=/"), session);
        assertFalse(session.contains("Secure"), "plain HTTP: no Secure attribute; " + session);
        assertFalse(session.contains(TOKEN), "the cookie holds a session id, never the token");
        String id = cookie(response, BrowserSessions.SESSION_COOKIE);
        assertEquals(43, id.length(), "256 random bits, base64url");
        String csrf = setCookie(response, BrowserSessions.CSRF_COOKIE).orElseThrow();
        assertFalse(csrf.contains("HttpOnly") || csrf.contains("HTTPOnly"), "the page's script reads it: " + csrf);
        assertTrue(csrf.contains("SameSite=Strict"), csrf);
    }

    @Test
    void aWrongTokenIsRefusedWithoutACookie() throws Exception {
        HttpResponse<String> response = signIn("not-the-token", "/ui/apply");
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("That token is not valid"), response.body());
        assertTrue(setCookie(response, BrowserSessions.SESSION_COOKIE).isEmpty());
    }

    @Test
    void nextLeadsOnlyToThisSite() throws Exception {
        for (String next : List.of("//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:x",
                "/ui/ page")) {
            assertEquals("/", signIn(TOKEN, next).headers().firstValue("Location").orElseThrow(), next);
        }
    }

    @Test
    void theSessionCookieAuthenticatesReadsAndNothingElseDoes() throws Exception {
        assertEquals(401, send(request("/api/v1/summary")).statusCode(), "loopback not trusted in this test");
        assertEquals(401, send(request("/api/v1/summary")
                .header("Cookie", BrowserSessions.SESSION_COOKIE + "=forged-session-id")).statusCode());
        Browser browser = signedIn();
        assertEquals(200, send(request("/api/v1/summary").header("Cookie", browser.cookies())).statusCode());
    }

    @Test
    void aBrowserWithoutTokenIsSentToSignInAndScriptsGetTheProblem() throws Exception {
        HttpResponse<String> page = send(request("/api/v1/summary?x=1")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertEquals(303, page.statusCode());
        assertEquals("/ui/sign-in?next=%2Fapi%2Fv1%2Fsummary%3Fx%3D1",
                page.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> script = send(request("/api/v1/summary").header("Accept", "application/json"));
        assertEquals(401, script.statusCode());
        assertEquals("application/problem+json", script.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aCookieAuthenticatedWriteNeedsTheSessionsCsrfToken() throws Exception {
        Browser browser = signedIn();
        HttpResponse<String> none = send(applyService("csrf-none").header("Cookie", browser.cookies()));
        assertEquals(403, none.statusCode(), none.body());
        assertTrue(none.body().contains("X-CSRF-Token"), none.body());
        assertEquals(403, send(applyService("csrf-wrong").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", "guessed")).statusCode());
        Browser other = signedIn();
        assertEquals(403, send(applyService("csrf-other").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", other.csrf())).statusCode(), "another session's token does not count");
        HttpResponse<String> good = send(applyService("csrf-good").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", browser.csrf()));
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(audit.newestFirst().stream().anyMatch(e -> e.object().equals("Service/default/csrf-good")
                && e.via().equals("session") && e.result().equals("created")), "audited as a session write");
        assertTrue(audit.newestFirst().stream().anyMatch(e -> e.via().equals("session") && e.status() == 403),
                "the forged ones are audited as refused");
        assertEquals(403, send(request("/api/v1/services/default/csrf-good").DELETE()
                .header("Cookie", browser.cookies())).statusCode(), "deletes too");
    }

    @Test
    void aBearerTokenNeedsNoCsrfToken() throws Exception {
        HttpResponse<String> response = send(applyService("bearer").header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void crossSiteWritesAreRefusedWhateverTheyCarry() throws Exception {
        Browser browser = signedIn();
        HttpResponse<String> crossSite = send(applyService("cross-site").header("Authorization", "Bearer " + TOKEN)
                .header("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.body().contains("Sec-Fetch-Site"), crossSite.body());
        assertEquals(403, send(applyService("same-site").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", browser.csrf()).header("Sec-Fetch-Site", "same-site")).statusCode());
        HttpResponse<String> foreign = send(applyService("foreign").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", browser.csrf()).header("Origin", "http://evil.example"));
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("Origin"), foreign.body());
        assertEquals(403, send(applyService("null-origin").header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "null")).statusCode());
        HttpResponse<String> ownPage = send(applyService("own-page").header("Cookie", browser.cookies())
                .header("X-CSRF-Token", browser.csrf()).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "http://" + server.getHost() + ":" + server.getPort()));
        assertEquals(200, ownPage.statusCode(), ownPage.body());
        HttpResponse<String> crossSiteSignIn = send(request("/ui/sign-in")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)));
        assertEquals(403, crossSiteSignIn.statusCode(), "no login CSRF");
    }

    @Test
    void signOutNeedsTheFormsCsrfTokenAndEndsTheSession() throws Exception {
        Browser browser = signedIn();
        HttpResponse<String> page = send(request("/ui/sign-in").header("Cookie", browser.cookies()));
        assertTrue(page.body().contains("name=\"csrf\" value=\"" + browser.csrf() + "\""), page.body());
        HttpResponse<String> forged = send(request("/ui/sign-out").header("Cookie", browser.cookies())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=wrong")));
        assertEquals(403, forged.statusCode());
        assertEquals(200, send(request("/api/v1/summary").header("Cookie", browser.cookies())).statusCode());
        HttpResponse<String> out = send(request("/ui/sign-out").header("Cookie", browser.cookies())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.csrf())));
        assertEquals(303, out.statusCode());
        assertTrue(setCookie(out, BrowserSessions.SESSION_COOKIE).orElseThrow().contains("Max-Age=0"),
                out.headers().map().toString());
        assertEquals(401, send(request("/api/v1/summary").header("Cookie", browser.cookies())).statusCode(),
                "the old cookie no longer maps to a token");
    }
}
