package dev.portolan.proxy.sync;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.listen.TestForwarder;
import dev.portolan.proxy.observe.GatewayMetrics;
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

    private static ProxyConfig config(String version) {
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
            controlPlane.publish(config("1"));
            source.start(received::add);
            assertEquals("1", received.poll(10, TimeUnit.SECONDS).version());
            await("the next poll to carry the ETag", () -> controlPlane.ifNoneMatch.contains("\"1\""));

            controlPlane.publish(config("2"));

            // The poll waits up to 20 s; version 2 arriving well before shows the control plane woke it up.
            ProxyConfig second = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals("2", second.version());
            assertEquals("null", controlPlane.ifNoneMatch.get(0));
            assertEquals("20s", controlPlane.waits.get(0));
            // the status is recorded after the sink took the config: wait for it rather than race it
            await("the status to record version 2", () -> "2".equals(source.status().lastGoodVersion()));
            assertEquals(new SyncStatus("2", null, 0), source.status());
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
                controlPlane.publish(config("1"));
                source.start(config -> proxy.apply(config));
                await("version 1 live", () -> proxy.live() != null && proxy.live().version().equals("1"));

                controlPlane.serveGarbage();
                await("the invalid config to be reported", () -> source.status().lastError() != null);
                assertTrue(source.status().lastError().contains("served an invalid config"),
                        source.status().lastError());
                assertEquals("1", source.status().lastGoodVersion());
                assertEquals("1", proxy.live().version());
                HttpResponse<String> served = client.send(probe, HttpResponse.BodyHandlers.ofString());
                assertEquals("1", served.headers().firstValue("X-Version").orElseThrow());

                controlPlane.close();
                await("the outage to be reported",
                        () -> String.valueOf(source.status().lastError()).contains("unreachable"));
                assertEquals("1", proxy.live().version());
                served = client.send(probe, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, served.statusCode());
                assertEquals("rule-v1", served.headers().firstValue("X-Rule").orElseThrow());

                controlPlane = new FakeControlPlane(port);
                controlPlane.publish(config("3"));
                await("version 3 after the control plane is back",
                        () -> proxy.live().version().equals("3"));
                // the status is updated after the proxy applied the config: wait for it rather than race it
                await("the status to say version 3 and no error",
                        () -> source.status().equals(new SyncStatus("3", null, 0)));
            } finally {
                controlPlane.close();
            }
        }
    }

    /**
     * The finding of issue 10: a proxy holding version 245 kept sending If-None-Match "245" to a restarted control
     * plane whose versions began again at 1. Versions are identities, not numbers: whatever the restarted control
     * plane serves that differs from what the proxy holds is taken, even if it would sort "before" it.
     */
    @Test
    void aRestartedControlPlaneServingADifferentVersionIsFollowedWhateverItsValue() throws Exception {
        FakeControlPlane controlPlane = new FakeControlPlane(0);
        int port = controlPlane.port();
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (RemoteConfigSource source = new RemoteConfigSource(URI.create(controlPlane.url()),
                Duration.ofSeconds(20), Duration.ofMillis(50), Duration.ofSeconds(30))) {
            controlPlane.publish(config("245"));
            source.start(received::add);
            assertEquals("245", received.poll(10, TimeUnit.SECONDS).version());

            controlPlane.close();
            await("the outage to be seen", () -> source.status().consecutiveFailures() > 0);
            controlPlane = new FakeControlPlane(port);
            controlPlane.publish(config("1"));

            ProxyConfig afterRestart = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(afterRestart, "the restarted control plane's config never arrived");
            assertEquals("1", afterRestart.version());
            assertTrue(controlPlane.ifNoneMatch.contains("\"245\""), "the proxy asked with its own version: "
                    + controlPlane.ifNoneMatch);
            await("the status to record version 1", () -> "1".equals(source.status().lastGoodVersion()));
        } finally {
            controlPlane.close();
        }
    }

    /**
     * A control plane that has not loaded yet answers 503 with Retry-After: 1. The proxy keeps its config and asks
     * again about once a second, not with a backoff growing towards its 30 s maximum, so the control plane's first
     * config reaches it promptly.
     */
    @Test
    void aStartingControlPlaneIsAskedAgainPromptlyWhileTheLastConfigKeepsServing() throws Exception {
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = new RemoteConfigSource(URI.create(controlPlane.url()),
                        Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofSeconds(30))) {
            controlPlane.publish(config("a1"));
            source.start(received::add);
            assertEquals("a1", received.poll(10, TimeUnit.SECONDS).version());

            controlPlane.restarting(); // the held poll and every later one is answered 503
            controlPlane.publish(config("b2"));
            int before = controlPlane.ifNoneMatch.size();
            Thread.sleep(4_500);
            int asked = controlPlane.ifNoneMatch.size() - before;
            // the backoff alone would ask at 0, 0.2, 0.6, 1.4, 3.0 s (5 times); capped at 1 s it asks at least 6
            assertTrue(asked >= 6, "asked " + asked + " times in 4.5 s");
            assertTrue(source.status().lastError().contains("HTTP 503"), source.status().lastError());
            assertEquals("a1", source.status().lastGoodVersion());
            assertTrue(received.isEmpty(), "nothing was delivered while the control plane was starting");

            long loaded = System.nanoTime();
            controlPlane.loaded();
            ProxyConfig next = received.poll(10, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loaded);
            assertNotNull(next);
            assertEquals("b2", next.version());
            assertTrue(tookMillis <= 1_500, "the loaded control plane's config took " + tookMillis + " ms");
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
            if (config.version().equals("9")) {
                throw new IllegalArgumentException("version 9 rejected");
            }
            received.add(config);
        });
        source.publish(config("4"));
        assertEquals("4", received.peek().version());
        IllegalArgumentException rejected = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> source.publish(config("9")));
        assertEquals("version 9 rejected", rejected.getMessage());
        source.close();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> source.publish(config("5")));
    }
}
