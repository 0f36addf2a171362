package dev.portolan.graph;

import dev.portolan.proxy.tls.TlsPem;
import dev.portolan.proxy.tls.TlsPemException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks that a TLS Secret holds a certificate chain and private key the proxy can serve, with the proxy's own
 * reader ({@link TlsPem}), so a listener the graph programs is never one the proxy refuses.
 */
public final class CertificatePem {
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
        try {
            TlsPem.identity(new String(certificatePem, StandardCharsets.US_ASCII),
                    new String(keyPem, StandardCharsets.US_ASCII));
            return Optional.empty();
        } catch (TlsPemException e) {
            return Optional.of((e.part() == TlsPemException.Part.PRIVATE_KEY ? "tls.key: " : "tls.crt: ")
                    + e.getMessage());
        }
    }
}
