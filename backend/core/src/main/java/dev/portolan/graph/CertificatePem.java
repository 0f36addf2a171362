package dev.portolan.graph;

import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a TLS Secret holds a certificate chain and private key the proxy can serve, with the proxy's own
 * reader ({@link TlsPem}), so a listener the graph programs is never one the proxy refuses.
 */
public final class CertificatePem {
    /** Enough for every TLS Secret of a large installation; each entry is a digest and a short message. */
    static final int CACHE_ENTRIES = 4096;
    /**
     * Results by digest of the PEM pair: the graph rebuilds on every change and checking an EC key against its
     * certificate costs a signature (about 1.5 ms); a digest costs microseconds. Holds no key material.
     */
    private static final Map<String, Optional<String>> RESULTS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    private CertificatePem() {
    }

    /** Empty when the proxy can serve the pair; otherwise what is wrong, e.g. "tls.key: private key does not match the certificate". */
    public static Optional<String> problem(byte[] certificatePem, byte[] keyPem) {
        if (certificatePem == null || certificatePem.length == 0) {
            return Optional.of("tls.crt is missing or empty");
        }
        if (keyPem == null || keyPem.length == 0) {
            return Optional.of("tls.key is missing or empty");
        }
        String digest = digest(certificatePem, keyPem);
        Optional<String> known = RESULTS.get(digest);
        if (known != null) {
            return known;
        }
        Optional<String> result = check(certificatePem, keyPem);
        RESULTS.put(digest, result);
        return result;
    }

    private static Optional<String> check(byte[] certificatePem, byte[] keyPem) {
        try {
            TlsPem.identity(new String(certificatePem, StandardCharsets.US_ASCII),
                    new String(keyPem, StandardCharsets.US_ASCII));
            return Optional.empty();
        } catch (TlsPemException e) {
            return Optional.of((e.part() == TlsPemException.Part.PRIVATE_KEY ? "tls.key: " : "tls.crt: ")
                    + e.getMessage());
        }
    }

    private static String digest(byte[] certificatePem, byte[] keyPem) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(4).putInt(certificatePem.length).array());
            sha.update(certificatePem);
            sha.update(keyPem);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
