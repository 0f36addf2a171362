package dev.portolan.api.access;

import dev.portolan.api.problem.ApiException;
import dev.portolan.distribute.ConfigController;
import dev.portolan.distribute.ProxyAuthenticator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Reads of the API and of proxy configs (which hold listener private keys) are open to loopback clients only,
 * unless {@code portolan.api.open-reads} or the bearer token says otherwise; writes always need the bearer token.
 */
@ServerFilter({"/api/**", "/proxy/**"})
public class AccessFilter {
    private final ApiTokens tokens;
    private final ApiAccessSettings settings;
    private final boolean proxiesAuthenticate;

    public AccessFilter(ApiTokens tokens, ApiAccessSettings settings, Optional<ProxyAuthenticator> proxyAuthenticator) {
        this.tokens = tokens;
        this.settings = settings;
        this.proxiesAuthenticate = proxyAuthenticator.isPresent();
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        boolean hasToken = tokens.isWriteToken(
                RequestCredentials.token(request).map(token -> "Bearer " + token).orElse(null));
        if (isRead(request.getMethod()) || isReadOnlyPost(request)) {
            if (!hasToken && !settings.isOpenReads() && !(settings.isTrustLoopback() && fromLoopback(request))) {
                if (isProxyAskingForItsGateway(request)) {
                    // the proxy authenticator decides, asynchronously, in the controller (it may call the cluster)
                    request.setAttribute(ConfigController.NEEDS_PROXY_AUTHENTICATION, true);
                    return;
                }
                throw new ApiException(HttpStatus.FORBIDDEN, (String) null, null,
                        "reads are open to loopback clients only; send Authorization: Bearer <token> or set "
                                + "portolan.api.open-reads=true");
            }
            return;
        }
        if (!hasToken) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, (String) null, "Authorization",
                    "writes need Authorization: Bearer <write token> (printed at start, or portolan.api.write-token)");
        }
    }

    /** A remote proxy with a bearer token (not the API's) asking for one Gateway's config, in a mode that checks it. */
    private boolean isProxyAskingForItsGateway(HttpRequest<?> request) {
        return proxiesAuthenticate
                && request.getPath().equals("/proxy/v1/config")
                && request.getParameters().contains("gateway")
                && request.getHeaders().getAuthorization().filter(value -> value.startsWith("Bearer ")).isPresent();
    }

    /** POST /api/v1/trace only carries a request to explain; it changes nothing, so it is a read. */
    private static boolean isReadOnlyPost(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && request.getPath().equals("/api/v1/trace");
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static boolean fromLoopback(@Nullable HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
