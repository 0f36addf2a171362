package dev.portolan.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsPemTest {
    private static CertificateAuthority ca;
    private static IssuedCertificate rsaLeaf;
    private static IssuedCertificate otherRsaLeaf;
    private static IssuedCertificate ecLeaf;
    private static IssuedCertificate otherEcLeaf;

    @BeforeAll
    static void certificates() {
        ca = TestPki.newCa("TlsPem test CA", KeyType.RSA);
        rsaLeaf = ca.leaf().sans("rsa.test").keyType(KeyType.RSA).issue();
        otherRsaLeaf = ca.leaf().sans("rsa2.test").keyType(KeyType.RSA).issue();
        ecLeaf = ca.leaf().sans("ec.test").keyType(KeyType.EC).issue();
        otherEcLeaf = ca.leaf().sans("ec2.test").keyType(KeyType.EC).issue();
    }

    @Test
    void readsEveryKeyFormatOfBothAlgorithmsAsTheLeafsKey() {
        for (IssuedCertificate leaf : new IssuedCertificate[] {rsaLeaf, ecLeaf}) {
            for (KeyFormat format : KeyFormat.values()) {
                TlsPem.Identity identity = TlsPem.identity(leaf.chainPem(), leaf.privateKeyPem(format));
                assertEquals(leaf.certificate(), identity.chain().get(0), leaf.keyType() + " " + format);
                assertEquals(secret(leaf.privateKey()), secret(identity.key()), leaf.keyType() + " " + format);
            }
        }
    }

    @Test
    void rsaCertificateWithAnEcPkcs8KeyIsRefusedAsAMismatch() {
        TlsPemException e = assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), ecLeaf.privateKeyPem(KeyFormat.PKCS8)));
        assertEquals(TlsPemException.Part.PRIVATE_KEY, e.part());
        assertEquals("private key is EC but the certificate's public key is RSA; private key does not match the "
                + "certificate", e.getMessage());
        TlsPemException sec1 = assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), ecLeaf.privateKeyPem(KeyFormat.TRADITIONAL)));
        assertTrue(sec1.getMessage().endsWith("private key does not match the certificate"), sec1.getMessage());
    }

    @Test
    void aKeyOfTheRightAlgorithmButAnotherCertificateIsRefused() {
        for (KeyFormat format : KeyFormat.values()) {
            assertEquals("private key does not match the certificate", assertThrows(TlsPemException.class,
                    () -> TlsPem.identity(rsaLeaf.chainPem(), otherRsaLeaf.privateKeyPem(format))).getMessage());
            assertEquals("private key does not match the certificate", assertThrows(TlsPemException.class,
                    () -> TlsPem.identity(ecLeaf.chainPem(), otherEcLeaf.privateKeyPem(format))).getMessage());
        }
    }

    @Test
    void unparseableCaBundlesAreRefusedWhole() {
        String good = ca.certificatePem();
        assertEquals(1, TlsPem.caBundle("# comment\n" + good + "trailing text\n").certificates().size());
        assertEquals(TlsPemException.Part.CA_BUNDLE,
                assertThrows(TlsPemException.class, () -> TlsPem.caBundle("not a certificate")).part());
        assertEquals("certificate 1 is not a valid X.509 certificate", assertThrows(TlsPemException.class,
                () -> TlsPem.caBundle(good + TestPki.pem("CERTIFICATE", new byte[] {0x30, 3, 1, 2, 3})))
                .getMessage());
        assertEquals("block 1 is PRIVATE KEY, expected CERTIFICATE", assertThrows(TlsPemException.class,
                () -> TlsPem.caBundle(good + rsaLeaf.privateKeyPem())).getMessage());
        assertTrue(assertThrows(TlsPemException.class, () -> TlsPem.caBundle(good.replace("-----END", "--END")))
                .getMessage().contains("no END line"));
        String bad64 = good.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!");
        assertEquals("block 0 (CERTIFICATE) is not valid base64",
                assertThrows(TlsPemException.class, () -> TlsPem.caBundle(bad64)).getMessage());
    }

    @Test
    void encryptedAndUnknownKeyTypesAreNamedNotQuoted() {
        TlsPemException e = assertThrows(TlsPemException.class, () -> TlsPem.identity(rsaLeaf.chainPem(),
                TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 1, 0})));
        assertEquals("unsupported key type 'ENCRYPTED PRIVATE KEY' (" + TlsPem.KEY_TYPES + ")", e.getMessage());
        TlsPemException two = assertThrows(TlsPemException.class, () -> TlsPem.identity(rsaLeaf.chainPem(),
                rsaLeaf.privateKeyPem() + rsaLeaf.privateKeyPem()));
        assertEquals("holds 2 PEM blocks, expected one private key", two.getMessage());
    }

    @Test
    void truncatedOrHostileDerInTraditionalKeysIsAProblemNotACrash() {
        byte[] sec1 = Base64.getMimeDecoder().decode(ecLeaf.privateKeyPem(KeyFormat.TRADITIONAL)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        for (int length : new int[] {1, 2, 5, sec1.length / 2, sec1.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(sec1, length);
            TlsPemException e = assertThrows(TlsPemException.class,
                    () -> TlsPem.identity(ecLeaf.chainPem(), TestPki.pem("EC PRIVATE KEY", cut)));
            assertEquals(TlsPemException.Part.PRIVATE_KEY, e.part(), "length " + length);
        }
        byte[] hugeLength = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        assertThrows(TlsPemException.class,
                () -> TlsPem.identity(ecLeaf.chainPem(), TestPki.pem("EC PRIVATE KEY", hugeLength)));
        assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), TestPki.pem("RSA PRIVATE KEY", new byte[] {0x30, 0})));
    }

    @Test
    void garbageIsRefusedByNameWithoutEchoingIt() {
        TlsPemException none = assertThrows(TlsPemException.class,
                () -> TlsPem.identity("\u0000\u00ff garbage \n\r\n", rsaLeaf.privateKeyPem()));
        assertEquals(TlsPemException.Part.CERTIFICATE_CHAIN, none.part());
        assertEquals("holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)", none.getMessage());
        TlsPemException hostileType = assertThrows(TlsPemException.class, () -> TlsPem.caBundle(
                "-----BEGIN <script>alert(1)</script>-----\nMAA=\n-----END <script>alert(1)</script>-----\n"));
        assertEquals("block 0 is unreadable type, expected CERTIFICATE", hostileType.getMessage());
        assertEquals("block 0 has a malformed BEGIN line", assertThrows(TlsPemException.class,
                () -> TlsPem.caBundle("-----BEGIN CERTIFICATE\nMAA=\n-----END CERTIFICATE-----\n")).getMessage());
        assertEquals("block 0 (CERTIFICATE) is empty", assertThrows(TlsPemException.class,
                () -> TlsPem.caBundle("-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n")).getMessage());
    }

    @Test
    void truncatedBase64AndTruncatedDerAreRefused() {
        String pem = rsaLeaf.certificatePem();
        int body = pem.indexOf('\n') + 1;
        String cutMidBody = pem.substring(0, body + 30) + "\n-----END CERTIFICATE-----\n";
        assertEquals("certificate 0 is not a valid X.509 certificate",
                assertThrows(TlsPemException.class, () -> TlsPem.certificateChain(cutMidBody)).getMessage());
        String oddLength = pem.substring(0, body + 5) + "\n-----END CERTIFICATE-----\n";
        assertEquals("block 0 (CERTIFICATE) is not valid base64",
                assertThrows(TlsPemException.class, () -> TlsPem.certificateChain(oddLength)).getMessage());
        assertTrue(assertThrows(TlsPemException.class, () -> TlsPem.certificateChain(pem.substring(0, pem.length() / 2)))
                .getMessage().endsWith("has no END line"));
    }

    @Test
    void aKeyWhereACertificateIsExpectedAndACertificateWhereAKeyIsAreRefused() {
        TlsPemException keyAsChain = assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.privateKeyPem(KeyFormat.PKCS8), rsaLeaf.privateKeyPem()));
        assertEquals(TlsPemException.Part.CERTIFICATE_CHAIN, keyAsChain.part());
        assertEquals("block 0 is PRIVATE KEY, expected CERTIFICATE", keyAsChain.getMessage());
        TlsPemException chainAsKey = assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), rsaLeaf.certificatePem()));
        assertEquals(TlsPemException.Part.PRIVATE_KEY, chainAsKey.part());
        assertEquals("unsupported key type 'CERTIFICATE' (" + TlsPem.KEY_TYPES + ")", chainAsKey.getMessage());
        // a certificate's DER under a key's label is not a key
        byte[] certificateDer = Base64.getMimeDecoder().decode(rsaLeaf.certificatePem()
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        assertEquals("PRIVATE KEY is not a valid PKCS#8 RSA key", assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), TestPki.pem("PRIVATE KEY", certificateDer))).getMessage());
        assertEquals("RSA PRIVATE KEY is not a valid RSA key", assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), TestPki.pem("RSA PRIVATE KEY", certificateDer)))
                .getMessage());
    }

    @Test
    void oversizedInputAndTooManyBlocksAreRefusedBeforeAnyParsing() {
        String huge = "#".repeat(PemBlocks.MAX_CHARS) + ca.certificatePem();
        TlsPemException big = assertThrows(TlsPemException.class, () -> TlsPem.caBundle(huge));
        assertEquals(TlsPemException.Part.CA_BUNDLE, big.part());
        assertTrue(big.getMessage().startsWith("is " + huge.length() + " characters long, more than the "
                + PemBlocks.MAX_CHARS), big.getMessage());
        assertEquals(TlsPemException.Part.PRIVATE_KEY, assertThrows(TlsPemException.class,
                () -> TlsPem.identity(rsaLeaf.chainPem(), huge)).part());
        String tiny = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
        String many = tiny.repeat(PemBlocks.MAX_BLOCKS + 1);
        assertEquals("holds more than " + PemBlocks.MAX_BLOCKS + " PEM blocks",
                assertThrows(TlsPemException.class, () -> TlsPem.caBundle(many)).getMessage());
    }

    @Test
    void aSec1KeyWithoutItsCurveTakesTheCertificates() throws Exception {
        byte[] sec1 = Base64.getMimeDecoder().decode(ecLeaf.privateKeyPem(KeyFormat.TRADITIONAL)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        org.bouncycastle.asn1.sec.ECPrivateKey full = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1);
        byte[] withoutCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, full.getKey(), null).getEncoded();
        TlsPem.Identity identity = TlsPem.identity(ecLeaf.chainPem(), TestPki.pem("EC PRIVATE KEY", withoutCurve));
        assertEquals(secret(ecLeaf.privateKey()), secret(identity.key()));
    }

    /** SEC1 keys carry the public point, which PKCS#8 from the JDK omits: compare the secret itself. */
    private static Object secret(java.security.Key key) {
        return key instanceof java.security.interfaces.ECPrivateKey ec ? ec.getS()
                : java.util.HexFormat.of().formatHex(key.getEncoded());
    }
}
