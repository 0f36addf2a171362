package dev.portolan.proxy.sync;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.admin.GatewayMetrics;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.listen.TestForwarder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RemoteConfigSourceTest {
    static final String ADDRESS = "127.0.0.206";

    private static ProxyConfig config(long version) {
        return new ProxyConfig(version, List.of(gateway("gw", ADDRESS, Map.of(),
                http("web", 80, null, route("r", "/", "rule-v" + version)))));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void newVersionsArriveThroughTheLongPollWithIfNoneMatch() throws Exception {
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = new RemoteConfigSource(URI.create(controlPlane.url() + "/"),
                        Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofMillis(200))) {
            controlPlane.publish(config(1));
            source.start(received::add);
            assertEquals(1, received.poll(10, TimeUnit.SECONDS).version());
            await("the next poll to carry the ETag", () -> controlPlane.ifNoneMatch.contains("\"1\""));

            controlPlane.publish(config(2));

            // The poll waits up to 20 s; version 2 arriving well before shows the control plane woke it up.
            ProxyConfig second = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals(2, second.version());
            assertEquals("null", controlPlane.ifNoneMatch.get(0));
            assertEquals("20s", controlPlane.waits.get(0));
            // the status is recorded after the sink took the config: wait for it rather than race it
            await("the status to record version 2", () -> source.status().lastGoodVersion() == 2);
            assertEquals(new SyncStatus(2, null, 0), source.status());
        }
    }

    @Test
    void lastGoodConfigKeepsServingWhenTheControlPlaneServesGarbageOrDies() throws Exception {
        int offset = freeOffset(List.of(80), ADDRESS);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + ADDRESS + ":" + (80 + offset) + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        try (ProxyServer proxy = new ProxyServer(new TestForwarder(),
                ProxyServerOptions.defaults().withPortOffset(offset), new GatewayMetrics())) {
            proxy.start();
            FakeControlPlane controlPlane = new FakeControlPlane(0);
            int port = controlPlane.port();
            try (RemoteConfigSource source = new RemoteConfigSource(URI.create(controlPlane.url()),
                    Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200))) {
                controlPlane.publish(config(1));
                source.start(config -> proxy.apply(config));
                await("version 1 live", () -> proxy.live() != null && proxy.live().version() == 1);

                controlPlane.serveGarbage();
                await("the invalid config to be reported", () -> source.status().lastError() != null);
                assertTrue(source.status().lastError().contains("served an invalid config"),
                        source.status().lastError());
                assertEquals(1, source.status().lastGoodVersion());
                assertEquals(1, proxy.live().version());
                HttpResponse<String> served = client.send(probe, HttpResponse.BodyHandlers.ofString());
                assertEquals("1", served.headers().firstValue("X-Version").orElseThrow());

                controlPlane.close();
                await("the outage to be reported",
                        () -> String.valueOf(source.status().lastError()).contains("unreachable"));
                assertEquals(1, proxy.live().version());
                served = client.send(probe, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, served.statusCode());
                assertEquals("rule-v1", served.headers().firstValue("X-Rule").orElseThrow());

                controlPlane = new FakeControlPlane(port);
                controlPlane.publish(config(3));
                await("version 3 after the control plane is back",
                        () -> proxy.live().version() == 3);
                assertEquals(new SyncStatus(3, null, 0), source.status());
            } finally {
                controlPlane.close();
            }
        }
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RemoteConfigSource source = new RemoteConfigSource(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(30));
        assertEquals(500, source.backoffMillis(1));
        assertEquals(1000, source.backoffMillis(2));
        assertEquals(30_000, source.backoffMillis(10));
        assertEquals(30_000, source.backoffMillis(1000));
    }

    @Test
    void inProcessSourceHandsConfigsToTheSinkAndReportsRejections() {
        InProcessConfigSource source = new InProcessConfigSource();
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        source.start(config -> {
            if (config.version() == 9) {
                throw new IllegalArgumentException("version 9 rejected");
            }
            received.add(config);
        });
        source.publish(config(4));
        assertEquals(4, received.peek().version());
        IllegalArgumentException rejected = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> source.publish(config(9)));
        assertEquals("version 9 rejected", rejected.getMessage());
        source.close();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> source.publish(config(5)));
    }
}
