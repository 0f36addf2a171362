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
     * @return completes with null when allowed, else with the reason it is not (for a 403 detail); never fails
     */
    CompletableFuture<String> refusal(String gateway, String bearerToken);
}
