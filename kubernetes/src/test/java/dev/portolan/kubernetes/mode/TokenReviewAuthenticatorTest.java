package dev.portolan.kubernetes.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.portolan.distribute.ProxyAuthenticator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against fabric8's mock API server answering TokenReviews like a real one would: each known token belongs to one
 * service account; others are not authenticated.
 */
class TokenReviewAuthenticatorTest {
    private static final Map<String, String> TOKENS = Map.of(
            "token-of-web-proxy", "system:serviceaccount:shop:portolan-web",
            "token-of-someone", "system:serviceaccount:shop:default",
            "api-server-token-of-web-proxy", "system:serviceaccount:shop:portolan-web");
    /** The audience each token was issued for (projected tokens are bound to one). */
    private static final Map<String, String> AUDIENCES = Map.of(
            "token-of-web-proxy", "portolan.dev/control-plane",
            "token-of-someone", "portolan.dev/control-plane",
            "api-server-token-of-web-proxy", "https://kubernetes.default.svc.cluster.local");

    private final AtomicInteger reviews = new AtomicInteger();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private TokenReviewAuthenticator authenticator;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews")
                .andReply(201, request -> answer(request.getUtf8Body())).always();
        client = server.createClient(new JdkHttpClientFactory());
        authenticator = new TokenReviewAuthenticator(client, Clock.systemUTC());
    }

    private TokenReview answer(String body) {
        reviews.incrementAndGet();
        try {
            JsonNode review = Manifests.JSON.readTree(body);
            String token = review.at("/spec/token").asText();
            String user = TOKENS.get(token);
            TokenReviewBuilder answer = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec();
            if (user == null) {
                return answer.withNewStatus().withAuthenticated(false).withError("invalid bearer token").endStatus()
                        .build();
            }
            // as kube-apiserver: the token must be valid for one of the audiences asked about
            String asked = review.at("/spec/audiences/0").asText();
            if (!AUDIENCES.get(token).equals(asked)) {
                return answer.withNewStatus().withAuthenticated(false)
                        .withError("token audiences [\"" + AUDIENCES.get(token) + "\"] is invalid for the target "
                                + "audiences [\"" + asked + "\"]").endStatus().build();
            }
            return answer.withNewStatus().withAuthenticated(true).withNewUser().withUsername(user).endUser()
                    .withAudiences(asked).endStatus().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        authenticator.close();
        client.close();
        server.destroy();
    }

    private String refusal(String gateway, String token) throws Exception {
        return authenticator.refusal(gateway, token).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theGatewaysProxyServiceAccountMayReadItsConfig() throws Exception {
        assertEquals("system:serviceaccount:shop:portolan-web", TokenReviewAuthenticator.proxyUser("shop/web"));
        assertNull(refusal("shop/web", "token-of-web-proxy"));
    }

    @Test
    void anotherServiceAccountIsRefusedNamingBoth() throws Exception {
        String refusal = refusal("shop/web", "token-of-someone");
        assertTrue(refusal.contains("system:serviceaccount:shop:default"), refusal);
        assertTrue(refusal.contains("system:serviceaccount:shop:portolan-web"), refusal);
        assertTrue(refusal("shop/other", "token-of-web-proxy").contains("shop/other"),
                "a proxy may not read another Gateway's config");
    }

    @Test
    void theProxysApiServerTokenIsRefusedOnlyItsControlPlaneTokenOpens() throws Exception {
        String refusal = refusal("shop/web", "api-server-token-of-web-proxy");
        assertTrue(refusal.contains("invalid for the target audiences [\"portolan.dev/control-plane\"]"), refusal);
    }

    @Test
    void anUnknownTokenIsRefusedWithTheApiServersError() throws Exception {
        assertTrue(refusal("shop/web", "forged").contains("invalid bearer token"));
    }

    @Test
    void reviewsAreCachedSoPollingProxiesDoNotLoadTheApiServer() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertNull(refusal("shop/web", "token-of-web-proxy"));
        }
        assertEquals(1, reviews.get(), "one TokenReview for five requests within a minute");
    }

    @Test
    void theSameUnknownTokenTwiceIsReviewedOnce() throws Exception {
        assertTrue(refusal("shop/web", "forged").contains("invalid bearer token"));
        assertTrue(refusal("shop/web", "forged").contains("invalid bearer token"));
        assertEquals(1, reviews.get(), "a refused token is not reviewed again within a minute");
    }

    @Test
    void concurrentAsksForOneTokenShareOneReview() throws Exception {
        List<CompletableFuture<String>> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asks.add(authenticator.refusal("shop/web", "forged-at-once"));
        }
        for (CompletableFuture<String> ask : asks) {
            assertTrue(ask.get(10, TimeUnit.SECONDS).contains("invalid bearer token"));
        }
        assertEquals(1, reviews.get());
    }

    @Test
    void aFloodOfUnknownTokensCostsTheApiServerAtMostTenReviewsASecond() throws Exception {
        MutableClock clock = new MutableClock();
        try (TokenReviewAuthenticator limited = new TokenReviewAuthenticator(client, clock)) {
            int throttled = 0;
            List<CompletableFuture<String>> answered = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                CompletableFuture<String> ask = limited.refusal("shop/web", "made-up-" + i);
                if (ask.isCompletedExceptionally()) {
                    ExecutionException e = assertThrows(ExecutionException.class, ask::get);
                    ProxyAuthenticator.Throttled t = assertInstanceOf(ProxyAuthenticator.Throttled.class,
                            e.getCause());
                    assertTrue(t.retryAfterSeconds() >= 1, "Retry-After is at least a second");
                    throttled++;
                } else {
                    answered.add(ask);
                }
            }
            for (CompletableFuture<String> ask : answered) {
                assertTrue(ask.get(10, TimeUnit.SECONDS).contains("invalid bearer token"));
            }
            assertEquals(TokenReviewAuthenticator.REVIEW_BURST, reviews.get(), "100 unknown tokens in the same instant");
            assertEquals(100 - TokenReviewAuthenticator.REVIEW_BURST, throttled);

            // a second later the budget has room again, and a known proxy gets through
            clock.advance(Duration.ofSeconds(1));
            assertNull(limited.refusal("shop/web", "token-of-web-proxy").get(10, TimeUnit.SECONDS));
            // the refused tokens stay refused without new reviews until their minute is up
            assertTrue(limited.refusal("shop/web", "made-up-0").get(10, TimeUnit.SECONDS)
                    .contains("invalid bearer token"));
            assertEquals(TokenReviewAuthenticator.REVIEW_BURST + 1, reviews.get());
            clock.advance(TokenReviewAuthenticator.CACHE_FOR);
            assertTrue(limited.refusal("shop/web", "made-up-0").get(10, TimeUnit.SECONDS)
                    .contains("invalid bearer token"));
            assertEquals(TokenReviewAuthenticator.REVIEW_BURST + 2, reviews.get(), "reviewed again after a minute");
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
