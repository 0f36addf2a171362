package dev.portolan.api.access;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** The one place that reads a request's credentials. */
public final class RequestCredentials {
    private static final String BEARER = "Bearer ";

    private RequestCredentials() {
    }

    /** The token of {@code Authorization: Bearer <token>} (scheme in any case), if the request sends one. */
    public static Optional<String> token(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(token -> !token.isEmpty());
    }
}
