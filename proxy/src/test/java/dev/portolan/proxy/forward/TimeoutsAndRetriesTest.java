package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static dev.portolan.proxy.forward.Configs.withRetry;
import static dev.portolan.proxy.forward.Configs.withTimeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.RetryConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** request and backendRequest timeouts (504), 0s disabling them, and retries on codes and connection failures. */
class TimeoutsAndRetriesTest {

    private static EchoServer echo;
    private static ForwardTestServer proxy;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("infra-backend-v3-pod", "infra"));
        BackendConfig b = backend("infra/v3:8080", echo);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        BackendConfig halfDead = new BackendConfig("infra/half:8080", List.of(new Endpoint("127.0.0.1", closedPort),
                new Endpoint(echo.host(), echo.httpPort())), BackendProtocol.HTTP1, null, null);
        RetryConfig on500 = new RetryConfig(List.of(500), 3, Duration.ofMillis(10));
        proxy = ForwardTestServer.start(config(
                withTimeouts(rule("/request-timeout", List.of(), to(b)), new TimeoutsConfig(Duration.ofMillis(500), null)),
                withTimeouts(rule("/disable-request-timeout", List.of(), to(b)),
                        new TimeoutsConfig(Duration.ZERO, Duration.ZERO)),
                withTimeouts(rule("/backend-timeout", List.of(), to(b)),
                        new TimeoutsConfig(Duration.ofSeconds(5), Duration.ofMillis(300))),
                withRetry(rule("/retry/code-500-attempts-3", List.of(), to(b)), on500),
                withRetry(withTimeouts(rule("/retry/bounded", List.of(), to(b)),
                        new TimeoutsConfig(Duration.ofMillis(700), Duration.ofMillis(300))),
                        new RetryConfig(List.of(500), 10, Duration.ZERO)),
                withRetry(rule("/connection", List.of(), to(halfDead)), new RetryConfig(List.of(), 1, null))));
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        echo.close();
    }

    @Test
    void requestTimeoutAnswers504() throws Exception {
        assertEquals(200, client.get(proxy.url(80), "/request-timeout").getStatus());
        long start = System.nanoTime();
        assertEquals(504, client.get(proxy.url(80), "/request-timeout?delay=2s").getStatus());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_800, "answered before the backend");
    }

    @Test
    void zeroDisablesTimeouts() throws Exception {
        ContentResponse answer = client.get(proxy.url(80), "/disable-request-timeout?delay=1s");
        assertEquals(200, answer.getStatus());
        assertEquals("/disable-request-timeout?delay=1s", Echoed.of(answer).path());
    }

    @Test
    void backendRequestTimeoutAnswers504() throws Exception {
        assertEquals(504, client.get(proxy.url(80), "/backend-timeout?delay=1s").getStatus());
        assertEquals(200, client.get(proxy.url(80), "/backend-timeout?delay=10ms").getStatus());
    }

    @Test
    void retriesListedCodesUpToAttempts() throws Exception {
        String base = "/retry/code-500-attempts-3?responseCode=500&succeedAfter=";
        ContentResponse ok = client.get(proxy.url(80), base + "2&uuid=" + UUID.randomUUID());
        assertEquals(200, ok.getStatus());
        assertEquals("infra-backend-v3-pod", Echoed.of(ok).pod());
        assertEquals(500, client.get(proxy.url(80), base + "4&uuid=" + UUID.randomUUID()).getStatus());
        assertEquals(503, client.get(proxy.url(80), "/retry/code-500-attempts-3?responseCode=503&succeedAfter=2&uuid="
                + UUID.randomUUID()).getStatus(), "503 is not in the retry codes");
    }

    @Test
    void retriesStayWithinTheRequestTimeout() throws Exception {
        // Every attempt fails slowly (delayRetry 250ms < backendRequest 300ms); request 700ms cuts retries short.
        long start = System.nanoTime();
        int status = client.get(proxy.url(80), "/retry/bounded?responseCode=500&succeedAfter=100&delayRetry=250ms&uuid="
                + UUID.randomUUID()).getStatus();
        assertEquals(504, status);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_500);
    }

    @Test
    void connectionFailuresAreRetriedOnTheNextEndpoint() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(200, client.get(proxy.url(80), "/connection").getStatus());
        }
    }
}
