package dev.portolan.api.configchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.model.Manifests;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The long-poll endpoint's answers, called directly: versions compared as identities, 503 before the first load. */
class ConfigControllerTest {
    private final ConfigPublisher publisher = new ConfigPublisher();
    private final ConfigController controller = new ConfigController(publisher, Optional.empty());

    private static GatewayConfig gateway(String name, String address) {
        return new GatewayConfig("default", name, address, Map.of(), Map.of(), List.of());
    }

    private HttpResponse<String> get(String ifNoneMatch, String wait, String gateway) throws Exception {
        return poll(ifNoneMatch, wait, gateway).get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> poll(String ifNoneMatch, String wait, String gateway) {
        return controller.config(HttpRequest.GET("/proxy/v1/config"), ifNoneMatch, wait, gateway);
    }

    @Test
    void beforeTheFirstLoadTheAnswerIs503ProblemJsonWithRetryAfterNotAnEmptyConfig() throws Exception {
        HttpResponse<String> answer = get("\"3f9a0c1d2b4e5f60\"", "30s", null);

        assertEquals(503, answer.getStatus().getCode());
        assertEquals("1", answer.getHeaders().get("Retry-After"));
        assertEquals("application/problem+json", answer.getContentType().orElseThrow().toString());
        JsonNode problem = Manifests.JSON.readTree(answer.body());
        assertEquals(503, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains("has not finished loading"), problem.toString());
        assertFalse(answer.body().contains("gateways"), "no config, empty or not: " + answer.body());
        assertEquals(503, get(null, "30s", "default/web").getStatus().getCode(), "a Gateway's slice likewise");
    }

    /** The finding: a proxy asking with "245" got 304 from a restarted control plane at version 1, 2, ... */
    @Test
    void aVersionTheControlPlaneDoesNotHaveIsAnsweredAtOnceWhateverItsValue() throws Exception {
        PublishedConfig current = publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.10"))));

        for (String held : List.of("\"245\"", "\"0\"", "W/\"ffffffffffffffff\"", "\"not a tag", "\"a\", \"b\"")) {
            HttpResponse<String> answer = get(held, "30s", null);
            assertEquals(200, answer.getStatus().getCode(), held);
            assertEquals("\"" + current.version() + "\"", answer.getHeaders().get("ETag"));
            assertEquals(current.version(), ProxyConfigCodec.fromJson(answer.body()).version());
        }
        HttpResponse<String> same = get("\"" + current.version() + "\"", "100ms", null);
        assertEquals(304, same.getStatus().getCode(), "the caller's own version is held, then 304");
    }

    @Test
    void aHeldPollIsAnsweredWithTheNextVersion() throws Exception {
        PublishedConfig first = publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.10"))));
        CompletableFuture<HttpResponse<String>> held = poll("\"" + first.version() + "\"", "30s", null);
        Thread.sleep(100);
        assertFalse(held.isDone(), "held while nothing changes");

        PublishedConfig second = publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.11"))));

        HttpResponse<String> answer = held.get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.getStatus().getCode());
        assertEquals("\"" + second.version() + "\"", answer.getHeaders().get("ETag"));
    }

    /**
     * A Gateway's slice is versioned by its own content: another Gateway's change does not wake (or reload) its
     * proxies, its own change does, and the slice's ETag is the version inside the slice.
     */
    @Test
    void aGatewaysSliceChangesOnlyWithThatGateway() throws Exception {
        publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.10"), gateway("api", "127.0.0.20"))));
        HttpResponse<String> web = get(null, "30s", "default/web");
        ProxyConfig slice = ProxyConfigCodec.fromJson(web.body());
        assertEquals(List.of("web"), slice.gateways().stream().map(GatewayConfig::name).toList());
        assertEquals("\"" + slice.version() + "\"", web.getHeaders().get("ETag"));
        assertEquals(ProxyConfig.of(slice.gateways()).version(), slice.version());
        assertNotEquals(publisher.current().version(), slice.version());

        CompletableFuture<HttpResponse<String>> held = poll(web.getHeaders().get("ETag"), "30s", "default/web");
        publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.10"), gateway("api", "127.0.0.21"))));
        Thread.sleep(200);
        assertFalse(held.isDone(), "another Gateway's change does not wake this Gateway's proxies");

        publisher.publish(ProxyConfig.of(List.of(gateway("web", "127.0.0.12"), gateway("api", "127.0.0.21"))));
        HttpResponse<String> changed = held.get(5, TimeUnit.SECONDS);
        assertEquals(200, changed.getStatus().getCode());
        assertEquals("127.0.0.12", ProxyConfigCodec.fromJson(changed.body()).gateways().get(0).address());
    }

    @Test
    void entityTagsAreReadAsOpaqueVersions() {
        assertEquals("3f9a0c1d2b4e5f60", ConfigController.parseVersion("\"3f9a0c1d2b4e5f60\""));
        assertEquals("12", ConfigController.parseVersion("W/\"12\""));
        assertEquals("12", ConfigController.parseVersion("12"));
        assertNull(ConfigController.parseVersion(null));
        assertNull(ConfigController.parseVersion("\"a\", \"b\""), "a list is not one version");
        assertNull(ConfigController.parseVersion("\"" + "a".repeat(65) + "\""), "too long");
        assertNull(ConfigController.parseVersion("\"a\nb\""), "control characters");
    }
}
