package dev.portolan.testpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;

class TestPkiTest {
    private static final CertificateAuthority CA = TestPki.newCa("unit-ca", KeyType.RSA);

    @Test
    void caIsASelfSignedRootThatMayOnlySign() throws Exception {
        X509Certificate ca = CA.certificate();
        assertEquals("CN=unit-ca", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        ca.verify(ca.getPublicKey());
        assertEquals(KeyType.RSA, CA.keyType());
        assertEquals(KeyType.EC, TestPki.newCa("ec").keyType());
    }

    @Test
    void leafCarriesSansSubjectKeyTypeAndPurposesAndChainsToTheCa() throws Exception {
        IssuedCertificate leaf = CA.leaf().sans("abc.example.com", "*.example.org", "10.0.0.1",
                "spiffe://cluster.local/ns/infra/sa/echo").keyType(KeyType.EC)
                .purposes(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH).issue();
        X509Certificate cert = leaf.certificate();
        assertEquals("CN=abc.example.com", cert.getSubjectX500Principal().getName());
        assertEquals(-1, cert.getBasicConstraints());
        assertEquals(List.of(List.of(2, "abc.example.com"), List.of(2, "*.example.org"), List.of(7, "10.0.0.1"),
                List.of(6, "spiffe://cluster.local/ns/infra/sa/echo")), sans(cert));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        validate(cert, CA.certificate());
        assertEquals(List.of(cert, CA.certificate()), parse(leaf.chainPem()));
    }

    @Test
    void explicitSubjectAndSelfSigned() throws Exception {
        IssuedCertificate self = TestPki.selfSigned().subject("CN=default, O=Acme Co").sans("example.org")
                .keyType(KeyType.RSA).issue();
        assertEquals("O=Acme Co,CN=default", self.certificate().getSubjectX500Principal().getName());
        assertEquals(self.certificate().getSubjectX500Principal(), self.certificate().getIssuerX500Principal());
        self.certificate().verify(self.certificate().getPublicKey());
        assertEquals(null, self.certificate().getExtendedKeyUsage());
        assertEquals(List.of(self.certificate()), parse(self.chainPem()));
    }

    @Test
    void everyKeyFormatReadsBackToTheSameKey() throws Exception {
        for (KeyType type : KeyType.values()) {
            IssuedCertificate leaf = CA.leaf().sans(type.name().toLowerCase() + ".test").keyType(type).issue();
            String pkcs8 = leaf.privateKeyPem();
            assertTrue(pkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"), pkcs8);
            String traditional = leaf.privateKeyPem(KeyFormat.TRADITIONAL);
            assertTrue(traditional.startsWith("-----BEGIN " + type.name() + " PRIVATE KEY-----\n"), traditional);
            assertArrayEquals(leaf.privateKey().getEncoded(), jdkPkcs8(pkcs8, type).getEncoded());
            assertSameKey(leaf.privateKey(), bouncyCastle(traditional));
        }
    }

    @Test
    void serialsAreUnique() {
        assertTrue(!CA.issue("a.test").certificate().getSerialNumber()
                .equals(CA.issue("a.test").certificate().getSerialNumber()));
    }

    @Test
    void keyAndTrustStoresHoldTheChainAndTheCertificate() throws Exception {
        IssuedCertificate leaf = CA.issue("store.test");
        KeyStore keys = leaf.keyStore("k", "pw".toCharArray());
        assertEquals(2, keys.getCertificateChain("k").length);
        assertEquals(leaf.privateKey(), keys.getKey("k", "pw".toCharArray()));
        assertEquals(CA.certificate(), CA.trustStore().getCertificate("trusted"));
        assertEquals("TLS", TestPki.sslContext(CA, leaf).getProtocol());
    }

    @Test
    void pemWrapsAnyBytesAndBadInputIsNamed() {
        assertEquals("-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n", TestPki.pem("PRIVATE KEY", new byte[]{1, 2, 3}));
        assertEquals(KeyPurpose.CLIENT_AUTH, KeyPurpose.named("clientAuth"));
        assertEquals("extended key usage 'codeSigning' is not supported (expected serverAuth or clientAuth)",
                assertThrows(IllegalArgumentException.class, () -> KeyPurpose.named("codeSigning")).getMessage());
        assertEquals("test certificate needs a subject or at least one SAN",
                assertThrows(IllegalStateException.class, () -> CA.leaf().issue()).getMessage());
    }

    private static List<List<?>> sans(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream().<List<?>>map(List::copyOf).toList();
    }

    private static void validate(X509Certificate leaf, X509Certificate root) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> parse(String pem) throws Exception {
        return List.copyOf((Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Same key material; SEC1 read back carries the public key, so EC keys are compared by scalar and curve. */
    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        if (expected instanceof ECPrivateKey ec) {
            assertEquals(ec.getS(), ((ECPrivateKey) actual).getS());
            assertEquals(ec.getParams().getCurve(), ((ECPrivateKey) actual).getParams().getCurve());
        } else {
            assertArrayEquals(expected.getEncoded(), actual.getEncoded());
        }
    }

    private static PrivateKey jdkPkcs8(String pem, KeyType type) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(type.name()).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static PrivateKey bouncyCastle(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
            return new JcaPEMKeyConverter().getPrivateKey(((PEMKeyPair) parser.readObject()).getPrivateKeyInfo());
        }
    }
}
