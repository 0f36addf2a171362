package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PemKeysTest {
    private static CertificateAuthority ca;

    @BeforeAll
    static void ca() throws Exception {
        ca = TestPki.newCa("Portolan Test CA", KeyType.RSA);
    }

    @Test
    void everySupportedKeyFormatLoadsAndSignsForItsCertificate() throws Exception {
        for (KeyType type : KeyType.values()) {
            for (KeyFormat keyFormat : KeyFormat.values()) {
                String format = type + "_" + keyFormat;
                CertificateConfig cert = ListenFixtures.serverCertificate(ca,
                        format.toLowerCase().replace('_', '-') + ".test", type, keyFormat);
                KeyStore store = PemKeys.keyStore(List.of(cert), "test " + format);
                PrivateKey key = (PrivateKey) store.getKey("cert-0", PemKeys.STORE_PASSWORD.toCharArray());
                X509Certificate leaf = (X509Certificate) store.getCertificateChain("cert-0")[0];
                assertEquals(2, store.getCertificateChain("cert-0").length, format + ": leaf and CA");
                String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(new byte[] {1, 2, 3});
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(leaf.getPublicKey());
                verifier.update(new byte[] {1, 2, 3});
                assertEquals(true, verifier.verify(signature), format + ": key does not belong to the certificate");
            }
        }
    }

    @Test
    void errorsNameTheCertificateAndTheField() throws Exception {
        CertificateConfig good = ListenFixtures.serverCertificate(ca, "good.test", KeyType.RSA, KeyFormat.PKCS8);
        CertificateConfig encrypted = new CertificateConfig(good.certificateChainPem(),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        CertificateConfig notPem = new CertificateConfig("garbage", good.privateKeyPem());

        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.keyStore(List.of(good, encrypted), "Gateway ns/gw port 443"));
        assertEquals("Gateway ns/gw port 443 certificates[1].privateKeyPem: unsupported key type 'ENCRYPTED PRIVATE "
                + "KEY' (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; encrypted keys are not supported)",
                e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.keyStore(List.of(notPem), "Gateway ns/gw port 443"));
        assertEquals(true, e2.getMessage().startsWith("Gateway ns/gw port 443 certificates[0].certificateChainPem: "),
                e2.getMessage());
    }
}
