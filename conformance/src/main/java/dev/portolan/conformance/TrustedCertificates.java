package dev.portolan.conformance;

import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/** A trust store made of PEM certificates (the client trusts a Secret's {@code tls.crt} as its root). */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    public static KeyStore of(String what, String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = TlsPem.caBundle(pem).certificates();
        } catch (TlsPemException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            return store;
        } catch (Exception e) {
            throw new IllegalArgumentException(what + ": cannot build the trust store: " + e.getMessage(), e);
        }
    }
}
