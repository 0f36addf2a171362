package dev.portolan.graph.backendtls;

import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads a CA bundle with the proxy's own reader ({@link TlsPem}). Strict on purpose: a bundle with one damaged
 * block is refused whole, because the data plane would otherwise trust a different set than the user wrote.
 */
final class PemCertificates {

    /** The certificates found, with the PEM text of each; or the reason there are none usable. */
    record Parsed(List<X509Certificate> certificates, String pem, String problem) {
        boolean ok() {
            return problem.isEmpty();
        }
    }

    private PemCertificates() {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(List.of(), "", "is empty");
        }
        try {
            TlsPem.CaBundle bundle = TlsPem.caBundle(text);
            return new Parsed(bundle.certificates(), bundle.pem(), "");
        } catch (TlsPemException e) {
            return new Parsed(List.of(), "", e.getMessage());
        }
    }
}
