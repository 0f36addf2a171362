package dev.portolan.api.access;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The write token: configured, or generated at start and printed so that the person who started Portolan has it. */
@Singleton
public class ApiTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private final byte[] writeToken;

    public ApiTokens(ApiAccessSettings settings) {
        String token = settings.getWriteToken();
        if (token.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            LOG.info("API write token (generated at start; set portolan.api.write-token to choose one): {}", token);
        }
        this.writeToken = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public boolean isWriteToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(offered, writeToken);
    }
}
