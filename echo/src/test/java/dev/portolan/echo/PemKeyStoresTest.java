package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PemKeyStoresTest {

    private static CertificateAuthority rsa;

    @BeforeAll
    static void generate() throws Exception {
        rsa = TestPki.newCa("rsa.example.com", KeyType.RSA);
    }

    @Test
    void readsPkcs8AndTraditionalKeysToTheSameKey() throws Exception {
        IssuedCertificate leaf = rsa.issue("leaf.example.com");
        for (KeyFormat format : KeyFormat.values()) {
            KeyStore store = PemKeyStores.keyStore("echo", leaf.certificatePem(), leaf.privateKeyPem(format));
            assertEquals(secret(leaf.keys().getPrivate()),
                    secret(store.getKey("echo", PemKeyStores.PASSWORD.toCharArray())), format.name());
        }
    }

    @Test
    void buildsAKeyStoreWithTheChainLeafFirst() throws Exception {
        IssuedCertificate leaf = rsa.issue("leaf.example.com");
        KeyStore store = PemKeyStores.keyStore("echo", leaf.certificatePem() + rsa.certificatePem(),
                leaf.privateKeyPem());
        assertEquals(2, store.getCertificateChain("echo").length);
        assertEquals(leaf.certificate(), (X509Certificate) store.getCertificateChain("echo")[0]);
        assertEquals(rsa.certificate(), (X509Certificate) store.getCertificateChain("echo")[1]);
    }

    @Test
    void errorsNameWhatIsWrong() throws Exception {
        assertEquals("echo certificate chain: holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.keyStore("echo", "nothing", rsa.privateKeyPem())).getMessage());
        assertEquals("k private key: holds no PEM private key block (expected PRIVATE KEY, RSA PRIVATE KEY or EC "
                        + "PRIVATE KEY; encrypted keys are not supported)",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.keyStore("k", rsa.certificatePem(), "no key")).getMessage());
        assertEquals("k private key: PRIVATE KEY is not a valid PKCS#8 RSA key",
                assertThrows(IllegalArgumentException.class, () -> PemKeyStores.keyStore("k", rsa.certificatePem(),
                        TestPki.pem("PRIVATE KEY", new byte[]{1, 2, 3}))).getMessage());
        assertEquals("ca: certificate 0 is not a valid X.509 certificate",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.trustStore("ca", TestPki.pem("CERTIFICATE", new byte[]{1, 2, 3})))
                        .getMessage());
    }

    /** SEC1 keys carry the public point, which PKCS#8 from the JDK omits: compare the secret itself. */
    private static Object secret(java.security.Key key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : java.util.HexFormat.of().formatHex(key.getEncoded());
    }
}
