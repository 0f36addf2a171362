package dev.portolan.testpki;

import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Entry point: throw-away CAs, leaf and self-signed certificates for tests and the conformance harness.
 * <pre>
 * CertificateAuthority ca = TestPki.newCa("test-ca");
 * IssuedCertificate server = ca.leaf().sans("a.example.com").keyType(KeyType.RSA).purposes(KeyPurpose.SERVER_AUTH).issue();
 * String crt = server.chainPem(), key = server.privateKeyPem(KeyFormat.TRADITIONAL);
 * </pre>
 */
public final class TestPki {
    private static final char[] KEY_STORE_PASSWORD = "test-pki".toCharArray();

    private TestPki() {
    }

    /** A self-signed EC root CA named {@code CN=<commonName>}. */
    public static CertificateAuthority newCa(String commonName) {
        return newCa(commonName, KeyType.EC);
    }

    public static CertificateAuthority newCa(String commonName, KeyType keyType) {
        return CertificateAuthority.create(commonName, keyType);
    }

    /** A builder for a self-signed leaf certificate. */
    public static CertificateBuilder selfSigned() {
        return new CertificateBuilder(null);
    }

    /** Any DER bytes as a PEM block of the given type, e.g. to hand a parser a well-formed block of garbage. */
    public static String pem(String type, byte[] der) {
        return Pem.block(type, der);
    }

    /** A TLS client context that trusts only {@code trusted} and presents no certificate. */
    public static SSLContext sslContext(IssuedCertificate trusted) {
        return sslContext(trusted, null);
    }

    /** A TLS context that trusts only {@code trusted} and presents {@code identity} (null = none). */
    public static SSLContext sslContext(IssuedCertificate trusted, IssuedCertificate identity) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted.trustStore());
            KeyManager[] keyManagers = null;
            if (identity != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity.keyStore("identity", KEY_STORE_PASSWORD), KEY_STORE_PASSWORD);
                keyManagers = keys.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + trusted.certificate().getSubjectX500Principal(), e);
        }
    }
}
