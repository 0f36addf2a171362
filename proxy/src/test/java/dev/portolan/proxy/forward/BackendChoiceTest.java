package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static dev.portolan.proxy.forward.Configs.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.FilterConfig.RequestMirror;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Weights, endpoint round-robin, mirrors, and the 500/503 answers for missing or broken backends. */
class BackendChoiceTest {

    private static EchoServer v1;
    private static EchoServer v2;
    private static EchoServer v3a;
    private static EchoServer v3b;
    private static ForwardTestServer proxy;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        v1 = EchoServer.start(EchoOptions.of("infra-backend-v1-pod", "infra"));
        v2 = EchoServer.start(EchoOptions.of("infra-backend-v2-pod", "infra"));
        v3a = EchoServer.start(EchoOptions.of("infra-backend-v3-a", "infra"));
        v3b = EchoServer.start(EchoOptions.of("infra-backend-v3-b", "infra"));
        BackendConfig b1 = backend("infra/v1:8080", v1);
        BackendConfig b2 = backend("infra/v2:8080", v2);
        BackendConfig invalid = new BackendConfig("infra/missing:8080", List.of(), BackendProtocol.HTTP1, null,
                "Service infra/missing not found");
        BackendConfig empty = new BackendConfig("infra/empty:8080", List.of(), BackendProtocol.HTTP1, null, null);
        proxy = ForwardTestServer.start(config(
                rule("/weights", List.of(), weighted(70, b1), weighted(30, b2), weighted(0, invalid)),
                rule("/round-robin", List.of(), to(backend("infra/v3:8080", v3a, v3b))),
                rule("/mirror", List.of(new RequestMirror(b2, 1, 1)), to(b1)),
                rule("/mirror-none", List.of(new RequestMirror(b2, 0, 100)), to(b1)),
                rule("/no-backends", List.of()),
                rule("/zero-weights", List.of(), weighted(0, b1)),
                rule("/invalid", List.of(), to(invalid)),
                rule("/no-endpoints", List.of(), to(empty))));
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        for (EchoServer e : List.of(v1, v2, v3a, v3b)) {
            e.close();
        }
    }

    @Test
    void trafficFollowsTheWeights() throws Exception {
        Map<String, Integer> hits = new TreeMap<>();
        int total = 500;
        for (int i = 0; i < total; i++) {
            hits.merge(Echoed.of(client.get(proxy.url(80), "/weights")).pod(), 1, Integer::sum);
        }
        int toV1 = hits.getOrDefault("infra-backend-v1-pod", 0);
        // 70 % of 500 = 350; +-50 is more than 4 standard deviations (sd ~ 10.2).
        assertTrue(toV1 > 300 && toV1 < 400, "v1 got " + toV1 + " of " + total + ": " + hits);
        assertEquals(total, toV1 + hits.getOrDefault("infra-backend-v2-pod", 0), "zero weight gets nothing: " + hits);
    }

    @Test
    void endpointsTakeTurns() throws Exception {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            hits.merge(Echoed.of(client.get(proxy.url(80), "/round-robin")).pod(), 1, Integer::sum);
        }
        assertEquals(Map.of("infra-backend-v3-a", 5, "infra-backend-v3-b", 5), hits);
    }

    @Test
    void mirrorCopiesArriveAtTheMirrorBackend() throws Exception {
        v2.clearRecorded();
        Echoed seen = Echoed.of(client.get(proxy.url(80), "/mirror?id=42"));
        assertEquals("infra-backend-v1-pod", seen.pod());
        long deadline = System.currentTimeMillis() + 5_000;
        while (v2.recordedCount("/mirror?id=42") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, v2.recordedCount("/mirror?id=42"));
    }

    @Test
    void unsampledMirrorsSendNothing() throws Exception {
        v2.clearRecorded();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, client.get(proxy.url(80), "/mirror-none").getStatus());
        }
        Thread.sleep(200);
        assertEquals(0, v2.recordedCount("/mirror-none"));
    }

    @Test
    void missingOrInvalidBackendsAnswer500() throws Exception {
        assertEquals(500, client.get(proxy.url(80), "/no-backends").getStatus());
        assertEquals(500, client.get(proxy.url(80), "/zero-weights").getStatus());
        assertEquals(500, client.get(proxy.url(80), "/invalid").getStatus());
    }

    @Test
    void backendWithoutEndpointsAnswers503() throws Exception {
        assertEquals(503, client.get(proxy.url(80), "/no-endpoints").getStatus());
    }
}
