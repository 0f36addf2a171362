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
 * {@value ProvisionPlan#PROXY_TOKEN_AUDIENCE}; the API server says whose token it is (TokenReview for that audience). The proxy of Gateway {@code ns/name} runs as ServiceAccount {@code ns/portolan-<name>}, so it may
 * read that Gateway's config and no other. Reviews are cached briefly: every proxy asks again at least every 30 s.
 */
public final class TokenReviewAuthenticator implements ProxyAuthenticator, AutoCloseable {
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Review> reviews = new ConcurrentHashMap<>();
    private final ExecutorService reviewer = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "portolan-token-review");
        thread.setDaemon(true);
        return thread;
    });

    /** Who a token belongs to ({@code username}), or why the API server would not say ({@code error}). */
    private record Review(String username, String error, Instant expires) {
    }

    public TokenReviewAuthenticator(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
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
        Review cached = reviews.get(token);
        if (cached != null && cached.expires().isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> {
            Review fresh = ask(token);
            if (reviews.size() >= MAX_CACHED) {
                reviews.clear(); // crude but bounded: a flood of bad tokens must not grow memory
            }
            reviews.put(token, fresh);
            return fresh;
        }, reviewer);
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
