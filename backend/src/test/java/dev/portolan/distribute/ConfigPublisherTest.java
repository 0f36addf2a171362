package dev.portolan.distribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static ProxyConfig config(long version, String gatewayName) {
        return new ProxyConfig(version, List.of(
                new GatewayConfig("default", gatewayName, "127.0.0.10", Map.of(), Map.of(), List.of())));
    }

    @Test
    void versionRisesOnlyWhenTheConfigChanges() {
        ConfigPublisher publisher = new ConfigPublisher();

        PublishedConfig first = publisher.publish(v -> config(v, "a"));
        PublishedConfig same = publisher.publish(v -> config(v, "a"));
        PublishedConfig changed = publisher.publish(v -> config(v, "b"));

        assertEquals(1, first.version());
        assertSame(first, same, "an identical config is not a new version");
        assertEquals(2, changed.version());
        assertTrue(changed.json().contains("\"b\""));
    }

    @Test
    void subscribersGetTheCurrentConfigAndEveryNewOne() {
        ConfigPublisher publisher = new ConfigPublisher();
        publisher.publish(v -> config(v, "a"));
        List<Long> seen = new ArrayList<>();

        publisher.subscribe(published -> seen.add(published.version()));
        publisher.publish(v -> config(v, "b"));

        assertEquals(List.of(1L, 2L), seen);
    }

    @Test
    void longPollCompletesWhenANewerVersionIsPublished() throws Exception {
        ConfigPublisher publisher = new ConfigPublisher();
        publisher.publish(v -> config(v, "a"));

        CompletableFuture<PublishedConfig> waiting = publisher.awaitNewer(1, Duration.ofSeconds(30));
        assertFalse(waiting.isDone(), "version 1 is what the caller has");
        publisher.publish(v -> config(v, "b"));

        assertEquals(2, waiting.get(5, TimeUnit.SECONDS).version());
        assertEquals(2, publisher.awaitNewer(0, Duration.ofSeconds(30)).get(1, TimeUnit.SECONDS).version(),
                "a caller with nothing gets the current config at once");
    }

    @Test
    void longPollTimesOutWithTheCurrentConfig() throws Exception {
        ConfigPublisher publisher = new ConfigPublisher();
        publisher.publish(v -> config(v, "a"));

        PublishedConfig answer = publisher.awaitNewer(1, Duration.ofMillis(100)).get(5, TimeUnit.SECONDS);

        assertEquals(1, answer.version(), "nothing newer: the caller answers 304");
    }
}
