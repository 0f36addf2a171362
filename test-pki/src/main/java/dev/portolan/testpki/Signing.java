package dev.portolan.testpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The parts every generated certificate shares: serial numbers, validity window and the signature. */
final class Signing {
    /** Backdated so clocks a little behind still accept a certificate made a moment ago. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofDays(365);

    // Unique within a JVM and unlikely to repeat across runs; tests compare serials of rotated certificates.
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private Signing() {
    }

    static X509v3CertificateBuilder template(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), subject, key);
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey, X500Name subject) {
        try {
            String algorithm = KeyType.valueOf(signingKey.getAlgorithm()).signatureAlgorithm();
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign test certificate " + subject, e);
        }
    }

    static X500Name issuerName(X509Certificate issuer) {
        return X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    }
}
