package dev.portolan.api.access;

import dev.portolan.api.problem.ApiException;
import dev.portolan.distribute.ProxyAuthenticator;
import dev.portolan.proxy.hosts.HostAllowList;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The one access policy, for every path: the API, the dashboard pages, the OpenAPI document and UI, the event
 * stream and the proxy config. In order:
 * <ol>
 * <li>the Host must be allowed ({@link HostAllowList}), else 421;</li>
 * <li>{@code /health} and the dashboard's static assets need nothing more ({@link AccessPaths});</li>
 * <li>a client address that offered too many unknown tokens gets 429 for any token until it may try again
 * ({@link TokenGuessLimit});</li>
 * <li>a bearer token must be a known one ({@link ApiTokens}), else 401 {@code error="invalid_token"} (a proxy's
 * service-account token asking for its Gateway's config is left to the {@link ProxyAuthenticator});</li>
 * <li>reads need a viewer or editor token, unless the client is on loopback (with {@code trust-loopback}) or
 * reads are open ({@code open-reads}): else 401; proxy configs always need a token;</li>
 * <li>writes need an editor token: 401 without one, 403 with a viewer token.</li>
 * </ol>
 * Who the request acts as is left in the {@link AccessAttributes} request attributes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter {
    /** Set when only the proxy authenticator (the config channel's) can allow the request. */
    public static final String NEEDS_PROXY_AUTHENTICATION = "portolan.proxy-authentication";
    static final String CHALLENGE = "Bearer realm=\"portolan\"";

    private final ApiTokens tokens;
    private final ApiAccessSettings settings;
    private final HostAllowList hosts;
    private final boolean proxiesAuthenticate;
    private final TokenGuessLimit guesses;

    public AccessFilter(ApiTokens tokens, ApiAccessSettings settings, HostAllowList hosts,
                        Optional<ProxyAuthenticator> proxyAuthenticator, TokenGuessLimit guesses) {
        this.tokens = tokens;
        this.guesses = guesses;
        this.settings = settings;
        this.hosts = hosts;
        this.proxiesAuthenticate = proxyAuthenticator.isPresent();
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (!hosts.allows(host)) {
            throw new ApiException(HttpStatus.MISDIRECTED_REQUEST, (String) null, "Host",
                    "this server does not answer for Host '" + host + "'; it answers localhost, 127.0.0.1, [::1] "
                            + "and the names of portolan.api.allowed-hosts");
        }
        String path = request.getPath();
        if (AccessPaths.isPublic(path)) {
            return;
        }
        Optional<String> token = RequestCredentials.token(request);
        Principal principal = null;
        if (token.isPresent()) {
            refuseWhileGuessing(request);
            principal = tokens.authenticate(token.get()).orElse(null);
            if (principal == null) {
                if (isProxyAskingForItsGateway(request)) {
                    // the proxy authenticator decides, asynchronously, in the controller (it may call the cluster)
                    request.setAttribute(NEEDS_PROXY_AUTHENTICATION, true);
                    return;
                }
                guesses.failed(request.getRemoteAddress());
                throw new ApiException(HttpStatus.UNAUTHORIZED, (String) null, "Authorization",
                        "the bearer token is not one this server knows (revoked, mistyped, or from another server)")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
            }
        }
        boolean write = !isRead(request);
        if (principal == null && !write && !AccessPaths.isProxyConfig(path)) {
            if (settings.isTrustLoopback() && fromLoopback(request)) {
                principal = new Principal(Principal.LOOPBACK, Role.VIEWER);
            } else if (settings.isOpenReads()) {
                principal = new Principal(Principal.ANONYMOUS, Role.VIEWER);
            }
        }
        if (principal == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, (String) null, "Authorization", missingTokenReason(
                    write, path)).withHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        if (write && !principal.role().mayWrite()) {
            throw new ApiException(HttpStatus.FORBIDDEN, (String) null, "Authorization",
                    "this needs role editor; token '" + principal.name() + "' has role " + principal.role().label());
        }
        request.setAttribute(AccessAttributes.PRINCIPAL, principal.name());
        request.setAttribute(AccessAttributes.ROLE, principal.role().label());
    }

    /** 429 while the client's address has offered too many unknown tokens (see {@link TokenGuessLimit}). */
    private void refuseWhileGuessing(HttpRequest<?> request) {
        var wait = guesses.retryAfterSeconds(request.getRemoteAddress());
        if (wait.isPresent()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, (String) null, "Authorization",
                    "too many unknown tokens from this address; no token is checked from it for "
                            + wait.getAsLong() + " s").withHeader(HttpHeaders.RETRY_AFTER,
                    String.valueOf(wait.getAsLong()));
        }
    }

    private String missingTokenReason(boolean write, String path) {
        if (write) {
            return "writes need Authorization: Bearer <token> with role editor (the write token printed at start or "
                    + "set with portolan.api.write-token, or an editor token of portolan.api.tokens-file)";
        }
        if (AccessPaths.isProxyConfig(path)) {
            return "proxy configs hold private keys: send Authorization: Bearer <token> with role viewer or editor, "
                    + "even from loopback";
        }
        return "reads need Authorization: Bearer <token> with role viewer or editor (they are open to loopback "
                + "clients only unless portolan.api.trust-loopback=false)";
    }

    /** A remote proxy with a bearer token (not the API's) asking for one Gateway's config, in a mode that checks it. */
    private boolean isProxyAskingForItsGateway(HttpRequest<?> request) {
        return proxiesAuthenticate
                && request.getMethod() == HttpMethod.GET
                && request.getPath().equals("/proxy/v1/config")
                && request.getParameters().contains("gateway");
    }

    /** A read changes nothing; {@code POST /api/v1/trace} only carries a request to explain, so it is one too. */
    private static boolean isRead(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.POST && request.getPath().equals("/api/v1/trace");
    }

    private static boolean fromLoopback(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
