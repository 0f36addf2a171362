package dev.portolan.api.read;

import dev.portolan.api.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a list page ended: the sort key of its last item and the snapshot it was read from. Opaque to clients
 * (base64url). A token from an older snapshot still continues after its key: the order is by key, not position.
 */
public record ContinueToken(long snapshotVersion, String lastKey) {
    private static final String PREFIX = "v1\n";

    public String encode() {
        String plain = PREFIX + snapshotVersion + "\n" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ApiException 400 naming the {@code continue} parameter when the token was not made by {@link #encode}
     */
    public static ContinueToken decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
        if (!plain.startsWith(PREFIX)) {
            throw invalid(token);
        }
        int newline = plain.indexOf('\n', PREFIX.length());
        if (newline < 0) {
            throw invalid(token);
        }
        try {
            return new ContinueToken(Long.parseLong(plain.substring(PREFIX.length(), newline)),
                    plain.substring(newline + 1));
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
    }

    private static ApiException invalid(String token) {
        return ApiException.badRequest(null, "continue",
                "\"" + token + "\" is not a continue token of this API (pass metadata.continue of the previous page)");
    }
}
