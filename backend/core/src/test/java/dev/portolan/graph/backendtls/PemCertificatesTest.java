package dev.portolan.graph.backendtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.testpki.TestPki;
import org.junit.jupiter.api.Test;

class PemCertificatesTest {
    @Test
    void readsEveryCertificateOfABundleAndDropsTextAroundThem() {
        String a = TestPki.newCa("a").certificatePem();
        String b = TestPki.newCa("b").certificatePem();
        PemCertificates.Parsed parsed = PemCertificates.parse("# bundle\n" + a + "\ncomment\n" + b);
        assertTrue(parsed.ok(), parsed.problem());
        assertEquals(2, parsed.certificates().size());
        assertTrue(parsed.certificates().get(0).getSubjectX500Principal().getName().contains("CN=a"));
        assertEquals(a.strip() + "\n" + b.strip() + "\n", parsed.pem());
    }

    @Test
    void refusesEmptyTextTextWithoutCertificatesAndDamagedBlocks() {
        assertEquals("is empty", PemCertificates.parse("  ").problem());
        assertTrue(PemCertificates.parse("hello").problem().startsWith("holds no PEM certificate"));
        String damaged = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        PemCertificates.Parsed parsed = PemCertificates.parse(TestPki.newCa("ok").certificatePem() + damaged);
        assertFalse(parsed.ok());
        assertEquals("certificate 1 is not a valid X.509 certificate", parsed.problem());
    }
}
