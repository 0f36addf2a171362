package dev.portolan.testpki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A generated certificate with its key pair and the certificates of its issuers, nearest first. */
public class IssuedCertificate {
    private final X509Certificate certificate;
    private final KeyPair keys;
    private final List<X509Certificate> issuers;

    IssuedCertificate(X509Certificate certificate, KeyPair keys, List<X509Certificate> issuers) {
        this.certificate = certificate;
        this.keys = keys;
        this.issuers = List.copyOf(issuers);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keys() {
        return keys;
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    public KeyType keyType() {
        return KeyType.of(keys);
    }

    /** This certificate alone, PEM. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** This certificate followed by its issuers' (leaf first), PEM, as a TLS server presents it. */
    public String chainPem() {
        StringBuilder out = new StringBuilder(certificatePem());
        issuers.forEach(issuer -> out.append(Pem.certificate(issuer)));
        return out.toString();
    }

    /** The private key as PKCS#8 PEM ({@code PRIVATE KEY}). */
    public String privateKeyPem() {
        return privateKeyPem(KeyFormat.PKCS8);
    }

    public String privateKeyPem(KeyFormat format) {
        return Pem.privateKey(keys, format);
    }

    /** A PKCS12 trust store holding only this certificate, under the alias {@code trusted}. */
    public KeyStore trustStore() {
        KeyStore store = emptyStore();
        try {
            store.setCertificateEntry("trusted", certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put " + certificate.getSubjectX500Principal() + " in a trust store", e);
        }
        return store;
    }

    /** A PKCS12 key store holding the private key and the chain (leaf first) under {@code alias}. */
    public KeyStore keyStore(String alias, char[] password) {
        KeyStore store = emptyStore();
        List<Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(issuers);
        try {
            store.setKeyEntry(alias, keys.getPrivate(), password, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put the key of " + certificate.getSubjectX500Principal() + " in a key store", e);
        }
        return store;
    }

    List<X509Certificate> issuers() {
        return issuers;
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create an empty PKCS12 key store", e);
        }
    }
}
