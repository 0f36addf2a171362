package dev.portolan.kubernetes.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Clock;
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
}
