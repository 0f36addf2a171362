package dev.portolan.proxy.sync;

import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.http;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy pod's config requests: its Gateway in the query, the service-account token read fresh each time. */
class RemoteConfigSourceAuthTest {
    static final GatewayRef GATEWAY = new GatewayRef("infra", "gw");

    @TempDir
    Path dir;

    private static ProxyConfig config(long version, String... gatewayNames) {
        List<GatewayConfig> gateways = new java.util.ArrayList<>();
        for (String name : gatewayNames) {
            gateways.add(gateway(name, null, Map.of(), http("web", 80, null, route("r", "/", "rule-v" + version))));
        }
        return new ProxyConfig(String.valueOf(version), gateways);
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

    /** Replaces the file in one step, as the kubelet does when it rotates a projected token. */
    private static void writeToken(Path file, String token) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), token + "\n");
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static RemoteConfigSource source(FakeControlPlane controlPlane, Path tokenFile, Duration wait) {
        return new RemoteConfigSource(URI.create(controlPlane.url()), GATEWAY, tokenFile, wait,
                Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @Test
    void asksForItsGatewayWithTheTokenReadAnewForEveryRequest() throws Exception {
        Path token = dir.resolve("token");
        writeToken(token, "token-1");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = source(controlPlane, token, Duration.ofSeconds(20))) {
            controlPlane.publish(config(1, "gw"));
            source.start(received::add);
            assertEquals("1", received.poll(10, TimeUnit.SECONDS).version());
            await("the next long poll", () -> controlPlane.authorizations.size() >= 2);

            writeToken(token, "token-2");
            controlPlane.publish(config(2, "gw"));

            assertEquals("2", received.poll(10, TimeUnit.SECONDS).version());
            // the poll after version 2 is the first one sent after the rewrite
            await("a request with the rotated token", () -> controlPlane.authorizations.contains("Bearer token-2"));
            assertEquals(List.of("Bearer token-1", "Bearer token-1"), controlPlane.authorizations.subList(0, 2));
            assertEquals("wait=20s&gateway=infra%2Fgw", controlPlane.rawQueries.get(0));
            assertTrue(controlPlane.gateways.stream().allMatch("infra/gw"::equals), controlPlane.gateways.toString());
        }
    }

    @Test
    void aMissingTokenFileIsReportedAndRetriedWithoutAskingUntilItAppears() throws Exception {
        Path token = dir.resolve("not-yet");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = source(controlPlane, token, Duration.ofSeconds(20))) {
            controlPlane.publish(config(1, "gw"));
            source.start(received::add);
            await("several failed attempts", () -> source.status().consecutiveFailures() >= 3);

            assertEquals("token file " + token + " does not exist; not asking " + source.configUri()
                    + " without it", source.status().lastError());
            assertEquals(List.of(), controlPlane.authorizations, "no request goes out without the token");

            writeToken(token, "late");
            ProxyConfig first = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(List.of("Bearer late"), controlPlane.authorizations.subList(0, 1));
        }
    }

    @Test
    void a401IsReportedWithTheProblemDetailAndTheTokenFileAndEndsWhenTheTokenIsRotated() throws Exception {
        Path token = dir.resolve("token");
        writeToken(token, "expired");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = source(controlPlane, token, Duration.ofSeconds(20))) {
            controlPlane.requiredToken = "fresh";
            controlPlane.publish(config(1, "gw"));
            source.start(received::add);
            await("repeated refusals", () -> source.status().consecutiveFailures() >= 2);

            assertEquals("control plane " + source.configUri() + " refused the config request: HTTP 401: the token"
                    + " is not valid (TokenReview: not authenticated) (the token was missing, invalid or expired;"
                    + " the token came from " + token + ")", source.status().lastError());
            assertNull(source.status().lastGoodVersion());

            writeToken(token, "fresh");
            assertEquals("1", received.poll(10, TimeUnit.SECONDS).version());
            await("the status to recover", () -> source.status().lastError() == null);
        }
    }

    @Test
    void a403IsReportedWithTheProblemDetailAndRetried() throws Exception {
        Path token = dir.resolve("token");
        writeToken(token, "valid");
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = source(controlPlane, token, Duration.ofSeconds(20))) {
            controlPlane.forbiddenDetail = "system:serviceaccount:infra:portolan-other may not read Gateway infra/gw";
            controlPlane.publish(config(1, "gw"));
            source.start(received::add);
            await("repeated refusals", () -> source.status().consecutiveFailures() >= 2);

            assertEquals("control plane " + source.configUri() + " refused the config request: HTTP 403:"
                    + " system:serviceaccount:infra:portolan-other may not read Gateway infra/gw (the token is valid"
                    + " but may not read this config; the token came from " + token + ")",
                    source.status().lastError());

            controlPlane.forbiddenDetail = null;
            assertEquals("1", received.poll(10, TimeUnit.SECONDS).version());
        }
    }

    @Test
    void gatewaysOtherThanTheRequestedOneAreNotServed() throws Exception {
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        try (FakeControlPlane controlPlane = new FakeControlPlane(0);
                RemoteConfigSource source = source(controlPlane, null, Duration.ofSeconds(20))) {
            // a control plane that ignores the gateway parameter
            controlPlane.publish(config(1, "before", "gw", "other"));
            source.start(received::add);

            ProxyConfig served = received.poll(10, TimeUnit.SECONDS);
            assertEquals(List.of("gw"), served.gateways().stream().map(GatewayConfig::name).toList());
            assertEquals("1", served.version());
            assertEquals("null", controlPlane.authorizations.get(0), "no token file, no Authorization header");
        }
    }

    @Test
    void theQueryCarriesWaitAndTheEncodedGateway() {
        assertEquals("http://cp:8080/proxy/v1/config?wait=30s&gateway=apps%2Fedge.v1",
                RemoteConfigSource.configUri(URI.create("http://cp:8080/"), new GatewayRef("apps", "edge.v1"),
                        Duration.ofSeconds(30)).toString());
        assertEquals("http://cp:8080/base/proxy/v1/config?wait=30s",
                RemoteConfigSource.configUri(URI.create("http://cp:8080/base"), null, Duration.ofSeconds(30))
                        .toString());
    }
}
