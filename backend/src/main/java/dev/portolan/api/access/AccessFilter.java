package dev.portolan.api.access;

import dev.portolan.api.problem.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;

/**
 * Reads of the API and of proxy configs (which hold listener private keys) are open to loopback clients only,
 * unless {@code portolan.api.open-reads} or the bearer token says otherwise; writes always need the bearer token.
 */
@ServerFilter({"/api/**", "/proxy/**"})
public class AccessFilter {
    private final ApiTokens tokens;
    private final ApiAccessSettings settings;

    public AccessFilter(ApiTokens tokens, ApiAccessSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        boolean hasToken = tokens.isWriteToken(request.getHeaders().getAuthorization().orElse(null));
        if (isRead(request.getMethod()) || isReadOnlyPost(request)) {
            if (!hasToken && !settings.isOpenReads() && !fromLoopback(request)) {
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
