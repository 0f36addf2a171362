package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

/**
 * Turns a listener's PEM certificates and keys into an in-memory KeyStore, one alias per certificate. Reading and
 * checking is {@link TlsPem}'s, the same the control plane validates Secrets with.
 */
public final class PemKeys {
    /** Protects nothing (the store never leaves memory) but PKCS#12 entries need a password. */
    public static final String STORE_PASSWORD = "portolan-in-memory";

    private PemKeys() {
    }

    /**
     * @param owner names the certificates' owner in error messages, e.g. "Gateway ns/gw port 443"
     * @throws IllegalArgumentException naming the certificate index, the field and what is wrong
     */
    public static KeyStore keyStore(List<CertificateConfig> certificates, String owner) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                String where = owner + " certificates[" + i + "]";
                CertificateConfig certificate = certificates.get(i);
                TlsPem.Identity identity;
                try {
                    identity = TlsPem.identity(certificate.certificateChainPem(), certificate.privateKeyPem());
                } catch (TlsPemException e) {
                    String field = e.part() == TlsPemException.Part.PRIVATE_KEY
                            ? ".privateKeyPem: " : ".certificateChainPem: ";
                    throw new IllegalArgumentException(where + field + e.getMessage(), e);
                }
                store.setKeyEntry("cert-" + i, identity.key(), STORE_PASSWORD.toCharArray(),
                        identity.chain().toArray(new Certificate[0]));
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(owner + ": cannot build the in-memory key store: " + e.getMessage(), e);
        }
    }
}
