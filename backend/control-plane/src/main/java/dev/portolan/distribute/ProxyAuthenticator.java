package dev.portolan.distribute;

import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a remote proxy may read one Gateway's config. Kubernetes mode provides one (the proxy's
 * service-account token, checked with a TokenReview); embedded mode has none, so only loopback clients and holders
 * of the API token read configs.
 */
public interface ProxyAuthenticator {

    /**
     * @param gateway     {@code namespace/name} of the Gateway whose config is asked for
     * @param bearerToken the token the proxy sent
     * @return completes with null when allowed, else with the reason it is not (for a 403 detail); fails only with
     *         {@link Throttled} when the authenticator cannot decide now (answered 429 with Retry-After)
     */
    CompletableFuture<String> refusal(String gateway, String bearerToken);

    /** Too many tokens to check right now; ask again after {@code retryAfterSeconds}. */
    final class Throttled extends RuntimeException {
        private final long retryAfterSeconds;

        public Throttled(String reason, long retryAfterSeconds) {
            super(reason, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
