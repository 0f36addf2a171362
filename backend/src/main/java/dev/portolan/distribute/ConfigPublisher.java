package dev.portolan.distribute;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Holds the current proxy config and hands it to the embedded proxy (listeners) and to remote proxies (long-poll
 * waiters). The version rises only when the config itself changes, so a status-only rebuild never reloads a proxy.
 */
public final class ConfigPublisher {
    private final List<Consumer<PublishedConfig>> listeners = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private PublishedConfig current;

    private record Waiter(long seenVersion, CompletableFuture<PublishedConfig> future) {
    }

    /**
     * Publishes a config built by {@code build} for the next version, unless it equals the current one apart from
     * its version.
     *
     * @return the config now current
     */
    public PublishedConfig publish(LongFunction<ProxyConfig> build) {
        PublishedConfig published;
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            long next = current == null ? 1 : current.version() + 1;
            ProxyConfig candidate = build.apply(next);
            if (current != null && sameApartFromVersion(current.config(), candidate)) {
                return current;
            }
            published = new PublishedConfig(candidate, ProxyConfigCodec.toJson(candidate));
            current = published;
            waiters.removeIf(waiter -> {
                if (waiter.seenVersion() < published.version()) {
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

    private static boolean sameApartFromVersion(ProxyConfig a, ProxyConfig b) {
        return a.gateways().equals(b.gateways());
    }

    /** The current config, or null before the first publish. */
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

    /**
     * Completes with a config newer than {@code seenVersion}: at once when there is one, else when one is published,
     * else after {@code wait} with the current config (so the caller can answer 304).
     */
    public CompletableFuture<PublishedConfig> awaitNewer(long seenVersion, Duration wait) {
        synchronized (this) {
            if (current != null && current.version() > seenVersion) {
                return CompletableFuture.completedFuture(current);
            }
            CompletableFuture<PublishedConfig> future = new CompletableFuture<>();
            Waiter waiter = new Waiter(seenVersion, future);
            waiters.add(waiter);
            return future.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(result -> {
                        synchronized (this) {
                            waiters.remove(waiter);
                            return result != null ? result : current;
                        }
                    });
        }
    }
}
