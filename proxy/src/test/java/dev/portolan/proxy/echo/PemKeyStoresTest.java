package dev.portolan.proxy.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PemKeyStoresTest {

    private static TestCertificates.Issued rsa;

    @BeforeAll
    static void generate() throws Exception {
        rsa = TestCertificates.selfSigned("RSA", "rsa.example.com");
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeysToTheSameKey() throws Exception {
        PrivateKey fromPkcs8 = PemKeyStores.privateKey("test key", rsa.privateKeyPem());
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.keys().getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        PrivateKey fromPkcs1 = PemKeyStores.privateKey("test key", TestCertificates.pem("RSA PRIVATE KEY", pkcs1));
        assertArrayEquals(rsa.keys().getPrivate().getEncoded(), fromPkcs8.getEncoded());
        assertArrayEquals(rsa.keys().getPrivate().getEncoded(), fromPkcs1.getEncoded());
    }

    @Test
    void buildsAKeyStoreWithTheChainLeafFirst() throws Exception {
        TestCertificates.Issued leaf = TestCertificates.issue("EC", "leaf.example.com", rsa);
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
                        () -> PemKeyStores.privateKey("k", TestCertificates.pem("PRIVATE KEY", new byte[]{1, 2, 3})))
                        .getMessage());
    }
}
