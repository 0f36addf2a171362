package dev.portolan.proxy.listen;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;

class AtomicSwapTest {
    static final String ADDRESS = "127.0.0.204";
    static final int VERSIONS = 40;

    /** Version v routes /v{v} and / to a rule named after v, so a response shows which version served it. */
    private static ProxyConfig version(long v) {
        return new ProxyConfig(String.valueOf(v), List.of(gateway("gw", ADDRESS, Map.of("version", "v" + v),
                http("web", 80, null, route("r" + v, "/", "rule-v" + v)),
                // Every other version also has a second port, so connectors come and go during the load.
                v % 2 == 0 ? http("side", 81, null, route("side", "/", "side-v" + v))
                        : http("web2", 80, "other.test", route("other", "/", "other-v" + v)))));
    }

    @Test
    void everyResponseUnderLoadComesFromExactlyOneVersion() throws Exception {
        int offset = freeOffset(List.of(80, 81), ADDRESS);
        TestForwarder forwarder = new TestForwarder();
        ProxyServer proxy = new ProxyServer(forwarder, ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        proxy.apply(version(1));
        List<HttpClient> clients = List.of(TestClients.http1(Map.of()), TestClients.http2(Map.of(), null));
        ExecutorService load = Executors.newFixedThreadPool(4);
        AtomicBoolean swapping = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger responses = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                HttpClient client = clients.get(w % 2);
                workers.add(load.submit(() -> {
                    long lastVersion = 0;
                    int mine = 0;
                    while (swapping.get() || mine < 20) {
                        try {
                            ContentResponse response = client.newRequest("http://" + ADDRESS + ":" + (80 + offset) + "/x")
                                    .timeout(5, TimeUnit.SECONDS).send();
                            long served = Long.parseLong(response.getHeaders().get("X-Version"));
                            String rule = response.getHeaders().get("X-Rule");
                            if (response.getStatus() != 200 || !("rule-v" + served).equals(rule)
                                    || !("apps/r" + served).equals(response.getHeaders().get("X-Route"))) {
                                problems.add("version " + served + " answered " + response.getStatus() + " rule "
                                        + rule + " route " + response.getHeaders().get("X-Route"));
                            }
                            if (served < lastVersion) {
                                problems.add("went back from version " + lastVersion + " to " + served);
                            }
                            lastVersion = served;
                            mine++;
                            responses.incrementAndGet();
                        } catch (Exception e) {
                            problems.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (long v = 2; v <= VERSIONS; v++) {
                int before = responses.get();
                ApplyResult applied = proxy.apply(version(v));
                assertTrue(applied.ok(), applied.toString());
                // Let some requests run on this version before the next swap (bounded, no fixed sleep).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (responses.get() < before + 4 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            swapping.set(false);
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            load.shutdownNow();
            for (HttpClient client : clients) {
                client.stop();
            }
            proxy.close();
        }
        assertEquals(List.of(), List.copyOf(problems));
        assertTrue(responses.get() >= VERSIONS * 4, "only " + responses.get() + " responses");
        assertEquals(VERSIONS, forwarder.prepared.get());
    }
}
