package dev.portolan.api.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.util.Optional;

/**
 * The one place where a request's credentials are read: {@code Authorization: Bearer <token>}, or else the token
 * behind a browser's session cookie (set by the sign-in page).
 */
public final class RequestCredentials {
    private RequestCredentials() {
    }

    /** The token the request presents, if any. */
    public static Optional<String> token(HttpRequest<?> request) {
        Optional<String> bearer = bearer(request);
        if (bearer.isPresent()) {
            return bearer;
        }
        return session(request).map(BrowserSessions.Session::token);
    }

    /** The bearer token of the {@code Authorization} header, if it carries one. */
    public static Optional<String> bearer(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip())
                .filter(token -> !token.isEmpty());
    }

    /** The live browser session the request's cookie names, if any. */
    public static Optional<BrowserSessions.Session> session(HttpRequest<?> request) {
        return request.getCookies().findCookie(BrowserSessions.SESSION_COOKIE).map(Cookie::getValue)
                .flatMap(id -> BrowserSessions.shared().find(id));
    }
}
