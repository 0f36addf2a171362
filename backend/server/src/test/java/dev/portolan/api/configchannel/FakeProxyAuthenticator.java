package dev.portolan.api.configchannel;

import dev.portolan.distribute.ProxyAuthenticator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for Kubernetes mode's TokenReview check: token "token-of-<gateway name>" may read that Gateway; token
 * "throttled" finds the authenticator out of review budget.
 */
@Singleton
@Requires(env = ProxyConfigAccessTest.ENVIRONMENT)
class FakeProxyAuthenticator implements ProxyAuthenticator {
    @Override
    public CompletableFuture<String> refusal(String gateway, String bearerToken) {
        if (bearerToken.equals("throttled")) {
            return CompletableFuture.failedFuture(new Throttled("too many proxy tokens to review right now", 3));
        }
        String allowed = "token-of-" + gateway.substring(gateway.indexOf('/') + 1);
        return CompletableFuture.completedFuture(allowed.equals(bearerToken) ? null
                : "this token may not read the config of Gateway " + gateway);
    }
}
