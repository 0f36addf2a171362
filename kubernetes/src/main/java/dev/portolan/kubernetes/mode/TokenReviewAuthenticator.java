package dev.portolan.kubernetes.mode;

import dev.portolan.distribute.ProxyAuthenticator;
import dev.portolan.kubernetes.provision.ProvisionNames;
import dev.portolan.kubernetes.provision.ProvisionPlan;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provisioned proxy proves who it is with a service-account token bound to the audience
 * {@value ProvisionPlan#PROXY_TOKEN_AUDIENCE}; the API server says whose token it is (TokenReview for that audience).
 * The proxy of Gateway {@code ns/name} runs as ServiceAccount {@code ns/portolan-<name>}, so it may read that
 * Gateway's config and no other.
 *
 * <p>Every answer is cached for {@link #CACHE_FOR}, refusals too (a refused token is not reviewed again within that
 * time), concurrent asks for one token share one review, and reviews of tokens not in the cache draw on a token
 * bucket ({@link #REVIEWS_PER_SECOND}); beyond it the caller is told to come back ({@link Throttled}, answered 429).
 * So a flood of made-up tokens costs the API server at most that many reviews a second, and polling proxies
 * (every 30 s) one review a minute each. The cache holds at most {@link #MAX_CACHED} entries, keyed by the token's
 * SHA-256 rather than the token itself.
 */
public final class TokenReviewAuthenticator implements ProxyAuthenticator, AutoCloseable {
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    static final int MAX_CACHED = 10_000;
    static final double REVIEWS_PER_SECOND = 10;
    static final int REVIEW_BURST = 10;

    private final KubernetesClient client;
    private final Clock clock;
    private final ReviewBudget budget;
    private final Map<String, Cached> reviews = new ConcurrentHashMap<>();
    private final ExecutorService reviewer = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "portolan-token-review");
        thread.setDaemon(true);
        return thread;
    });

    /** Who a token belongs to ({@code username}), or why the API server would not say ({@code error}). */
    private record Review(String username, String error, Instant expires) {
    }

    /** A review done or under way; {@code expires} is known once it is done. */
    private record Cached(CompletableFuture<Review> review) {
        boolean fresh(Instant now) {
            Review done = review.getNow(null);
            return done == null || done.expires().isAfter(now);
        }
    }

    public TokenReviewAuthenticator(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.budget = new ReviewBudget(clock, REVIEWS_PER_SECOND, REVIEW_BURST);
    }

    /** The user a Gateway's proxy authenticates as. */
    public static String proxyUser(String gateway) {
        int slash = gateway.indexOf('/');
        return "system:serviceaccount:" + gateway.substring(0, slash) + ":"
                + ProvisionNames.objectName(gateway.substring(slash + 1));
    }

    @Override
    public CompletableFuture<String> refusal(String gateway, String bearerToken) {
        String expected = proxyUser(gateway);
        return review(bearerToken).thenApply(review -> {
            if (review.error() != null) {
                return "the token was not accepted (TokenReview: " + review.error() + ")";
            }
            return review.username().equals(expected) ? null
                    : "the token belongs to " + review.username() + ", not to " + expected
                    + " (the proxy of Gateway " + gateway + ")";
        });
    }

    private CompletableFuture<Review> review(String token) {
        String key = ProvisionNames.sha256(token);
        Instant now = clock.instant();
        Cached cached = reviews.get(key);
        if (cached != null && cached.fresh(now)) {
            return cached.review();
        }
        CompletableFuture<Review> mine = new CompletableFuture<>();
        Cached entry = new Cached(mine);
        Cached raced = cached == null ? reviews.putIfAbsent(key, entry)
                : reviews.replace(key, cached, entry) ? null : reviews.get(key);
        if (raced != null && raced != entry) {
            return raced.review(); // another request for the same token started its review first
        }
        if (!budget.tryTake()) {
            reviews.remove(key, entry);
            mine.completeExceptionally(new Throttled("too many proxy tokens to review right now (at most "
                    + (int) REVIEWS_PER_SECOND + " a second); ask again later", budget.secondsUntilNext()));
            return mine;
        }
        makeRoom(now);
        CompletableFuture.supplyAsync(() -> ask(token), reviewer).whenComplete((review, error) -> {
            if (error != null) {
                reviews.remove(key, entry);
                mine.complete(new Review(null, "the review failed: " + error, clock.instant()));
            } else {
                mine.complete(review);
            }
        });
        return mine;
    }

    /** Bounded: expired entries go first; if the cache is still full, it starts over. */
    private void makeRoom(Instant now) {
        if (reviews.size() <= MAX_CACHED) {
            return;
        }
        reviews.values().removeIf(cached -> !cached.fresh(now));
        if (reviews.size() > MAX_CACHED) {
            reviews.clear();
        }
    }

    /** How many answers (or reviews under way) are cached; for tests. */
    int cached() {
        return reviews.size();
    }
    private Review ask(String token) {
        Instant expires = clock.instant().plus(CACHE_FOR);
        try {
            TokenReview answer = client.tokenReviews().create(new TokenReviewBuilder().withNewSpec()
                    .withToken(token).withAudiences(ProvisionPlan.PROXY_TOKEN_AUDIENCE).endSpec().build());
            var status = answer == null ? null : answer.getStatus();
            if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
                String error = status == null || status.getError() == null || status.getError().isBlank()
                        ? "not authenticated" : status.getError();
                return new Review(null, error, expires);
            }
            // the API server answers with the audiences the token is valid for among those asked
            if (status.getAudiences() != null && !status.getAudiences().isEmpty()
                    && !status.getAudiences().contains(ProvisionPlan.PROXY_TOKEN_AUDIENCE)) {
                return new Review(null, "the token is not for audience " + ProvisionPlan.PROXY_TOKEN_AUDIENCE,
                        expires);
            }
            return new Review(status.getUser().getUsername(), null, expires);
        } catch (KubernetesClientException e) {
            // not cached for long: the API server may be briefly unavailable
            return new Review(null, "the review failed: " + e.getMessage(), clock.instant().plusSeconds(2));
        }
    }

    @Override
    public void close() {
        reviewer.shutdownNow();
    }
}
