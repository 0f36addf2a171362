package dev.portolan.distribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigPublisherTest {

    private static ProxyConfig config(String gatewayName) {
        return ProxyConfig.of(List.of(
                new GatewayConfig("default", gatewayName, "127.0.0.10", Map.of(), Map.of(), List.of())));
    }

    @Test
    void theVersionChangesOnlyWhenTheContentDoes() {
        ConfigPublisher publisher = new ConfigPublisher();

        PublishedConfig first = publisher.publish(config("a"));
        PublishedConfig same = publisher.publish(config("a"));
        PublishedConfig changed = publisher.publish(config("b"));

        assertSame(first, same, "an identical config is not a new version");
        assertNotEquals(first.version(), changed.version());
        assertTrue(changed.json().contains("\"b\""));
        assertTrue(changed.json().contains("\"version\":\"" + changed.version() + "\""), changed.json());
    }

    /**
     * The finding of issue 10: versions were a per-process counter, so a restarted control plane (or another
     * replica) handed out "1", "2", ... again, for other content. Content versions do not depend on the process:
     * what a restarted publisher serves for other content differs from what the proxy holds, and for the same
     * content it is the same version (no needless reload).
     */
    @Test
    void aRestartedOrOtherPublisherNeverRepeatsAVersionForOtherContent() throws Exception {
        ConfigPublisher beforeRestart = new ConfigPublisher();
        for (String name : List.of("a", "b", "c", "d")) {
            beforeRestart.publish(config(name));
        }
        String held = beforeRestart.current().version();

        ConfigPublisher afterRestart = new ConfigPublisher();
        PublishedConfig reloaded = afterRestart.publish(config("d"));
        assertEquals(held, reloaded.version(), "the same content has the same version in every process");
        CompletableFuture<PublishedConfig> polling = afterRestart.awaitChange(held, Duration.ofSeconds(30));
        assertFalse(polling.isDone(), "a proxy holding the same content waits");

        PublishedConfig edited = afterRestart.publish(config("e"));
        assertNotEquals(held, edited.version());
        assertSame(edited, polling.get(5, TimeUnit.SECONDS), "the edit after the restart reaches the proxy");

        // one publish after a restart: the counter this replaces would have said "1" again, below what the proxy had
        ConfigPublisher fresh = new ConfigPublisher();
        PublishedConfig first = fresh.publish(config("z"));
        assertSame(first, fresh.awaitChange(held, Duration.ofSeconds(30)).get(1, TimeUnit.SECONDS),
                "any version other than the caller's is new to it, at once");
    }

    @Test
    void subscribersGetTheCurrentConfigAndEveryNewOne() {
        ConfigPublisher publisher = new ConfigPublisher();
        PublishedConfig a = publisher.publish(config("a"));
        List<String> seen = new ArrayList<>();

        publisher.subscribe(published -> seen.add(published.version()));
        PublishedConfig b = publisher.publish(config("b"));

        assertEquals(List.of(a.version(), b.version()), seen);
    }

    @Test
    void longPollCompletesWhenAnotherVersionIsPublished() throws Exception {
        ConfigPublisher publisher = new ConfigPublisher();
        PublishedConfig a = publisher.publish(config("a"));

        CompletableFuture<PublishedConfig> waiting = publisher.awaitChange(a.version(), Duration.ofSeconds(30));
        assertFalse(waiting.isDone(), "version a is what the caller has");
        PublishedConfig b = publisher.publish(config("b"));

        assertSame(b, waiting.get(5, TimeUnit.SECONDS));
        assertSame(b, publisher.awaitChange(null, Duration.ofSeconds(30)).get(1, TimeUnit.SECONDS),
                "a caller with nothing gets the current config at once");
    }

    @Test
    void longPollTimesOutWithTheCurrentConfig() throws Exception {
        ConfigPublisher publisher = new ConfigPublisher();
        PublishedConfig a = publisher.publish(config("a"));

        PublishedConfig answer = publisher.awaitChange(a.version(), Duration.ofMillis(100)).get(5, TimeUnit.SECONDS);

        assertSame(a, answer, "nothing else: the caller answers 304");
    }

    @Test
    void beforeTheFirstPublishTheAnswerIsNothingAtOnce() throws Exception {
        ConfigPublisher publisher = new ConfigPublisher();

        CompletableFuture<PublishedConfig> answer = publisher.awaitChange("3f9a0c1d2b4e5f60", Duration.ofSeconds(30));

        assertTrue(answer.isDone(), "a control plane without a config does not hold the poll");
        assertNull(answer.get());
    }
}
