package dev.portolan.proxy.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.security.KeyStore;
import java.security.PrivateKey;
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
    void readsPkcs8AndPkcs1RsaKeysToTheSameKey() throws Exception {
        PrivateKey fromPkcs8 = PemKeyStores.privateKey("test key", rsa.privateKeyPem());
        PrivateKey fromPkcs1 = PemKeyStores.privateKey("test key", rsa.privateKeyPem(KeyFormat.TRADITIONAL));
        assertArrayEquals(rsa.keys().getPrivate().getEncoded(), fromPkcs8.getEncoded());
        assertArrayEquals(rsa.keys().getPrivate().getEncoded(), fromPkcs1.getEncoded());
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
        assertEquals("echo certificate chain: no CERTIFICATE block in the PEM text",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.keyStore("echo", "nothing", rsa.privateKeyPem())).getMessage());
        assertEquals("k: no PRIVATE KEY or RSA PRIVATE KEY block in the PEM text",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.privateKey("k", rsa.certificatePem())).getMessage());
        assertEquals("k: PKCS#8 key is neither RSA, EC nor Ed25519",
                assertThrows(IllegalArgumentException.class,
                        () -> PemKeyStores.privateKey("k", TestPki.pem("PRIVATE KEY", new byte[]{1, 2, 3})))
                        .getMessage());
    }
}
