package dev.portolan.distribute;

import dev.portolan.proxy.config.ProxyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Holds the current proxy config and hands it to the embedded proxy (listeners) and to remote proxies (long-poll
 * waiters). Versions are digests of the content ({@link ProxyConfig#of}), so they change exactly when the content
 * does: a status-only rebuild reloads no proxy, and a restarted process or another replica over the same objects
 * publishes the same version, never an old one for new content. Versions are compared for equality only.
 */
public final class ConfigPublisher {
    private final List<Consumer<PublishedConfig>> listeners = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private PublishedConfig current;

    /**
     * @param served what the caller is served from a config (the whole config's version, or its Gateway slice's)
     */
    private record Waiter(String seenVersion, Function<PublishedConfig, String> served,
                          CompletableFuture<PublishedConfig> future) {
        boolean changedIn(PublishedConfig config) {
            return !served.apply(config).equals(seenVersion);
        }
    }

    /**
     * Publishes {@code candidate} unless it has the current version (the same content).
     *
     * @return the config now current
     */
    public PublishedConfig publish(ProxyConfig candidate) {
        PublishedConfig published;
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            if (current != null && current.version().equals(candidate.version())) {
                return current;
            }
            published = PublishedConfig.encodedWhenAsked(candidate);
            current = published;
            waiters.removeIf(waiter -> {
                if (waiter.changedIn(published)) {
                    ready.add(waiter);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(waiter -> waiter.future().complete(published));
        listeners.forEach(listener -> listener.accept(published));
        return published;
    }

    /** The current config, or null before the first publish (the first load has not finished). */
    public synchronized PublishedConfig current() {
        return current;
    }

    /** Called with every new config (and at once with the current one, if any). */
    public void subscribe(Consumer<PublishedConfig> listener) {
        listeners.add(listener);
        PublishedConfig now = current();
        if (now != null) {
            listener.accept(now);
        }
    }

    /** {@link #awaitChange(String, Function, Duration)} for callers served the whole config. */
    public CompletableFuture<PublishedConfig> awaitChange(String seenVersion, Duration wait) {
        return awaitChange(seenVersion, PublishedConfig::version, wait);
    }

    /**
     * Completes with a config whose served version differs from {@code seenVersion} (any difference: versions have
     * no order): at once when the current one does, else when such a config is published, else after {@code wait}
     * with the current config (so the caller can answer 304). Completes with null only before the first publish.
     *
     * @param seenVersion the version the caller holds, or null for none
     * @param served      the version the caller would be served from a config
     */
    public CompletableFuture<PublishedConfig> awaitChange(String seenVersion, Function<PublishedConfig, String> served,
                                                          Duration wait) {
        synchronized (this) {
            Waiter waiter = new Waiter(seenVersion, served, new CompletableFuture<>());
            if (current == null || waiter.changedIn(current)) {
                return CompletableFuture.completedFuture(current);
            }
            waiters.add(waiter);
            return waiter.future().completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(result -> {
                        synchronized (this) {
                            waiters.remove(waiter);
                            return result != null ? result : current;
                        }
                    });
        }
    }
}
