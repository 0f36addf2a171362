package dev.portolan.echo;

import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds in-memory key stores from PEM text (the form Kubernetes TLS Secrets carry) with the shared {@link TlsPem}. */
public final class PemKeyStores {

    /** Password of the in-memory stores; they never touch disk. */
    public static final String PASSWORD = "echo";

    private PemKeyStores() {
    }

    /** Key store with one entry "echo": the private key and the chain (leaf first). */
    public static KeyStore keyStore(String what, String chainPem, String keyPem) {
        TlsPem.Identity identity;
        try {
            identity = TlsPem.identity(chainPem, keyPem);
        } catch (TlsPemException e) {
            String part = e.part() == TlsPemException.Part.PRIVATE_KEY ? " private key: " : " certificate chain: ";
            throw new IllegalArgumentException(what + part + e.getMessage(), e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("echo", identity.key(), PASSWORD.toCharArray(), identity.chain().toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(what + ": cannot store the private key with the certificate chain: "
                    + e.getMessage(), e);
        }
    }

    /** Trust store holding every certificate of the PEM bundle. */
    public static KeyStore trustStore(String what, String caPem) {
        List<X509Certificate> cas;
        try {
            cas = TlsPem.caBundle(caPem).certificates();
        } catch (TlsPemException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(what + ": cannot build trust store: " + e.getMessage(), e);
        }
    }
}
