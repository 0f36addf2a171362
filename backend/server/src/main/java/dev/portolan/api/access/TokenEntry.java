package dev.portolan.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A known token, kept only as its SHA-256 digest, with the name and role it grants. */
public record TokenEntry(String name, Role role, byte[] digest) {

    public static TokenEntry of(String name, Role role, String token) {
        return new TokenEntry(name, role, sha256(token));
    }

    /** Same length for every token, so that comparing digests takes the same time whatever was sent. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
