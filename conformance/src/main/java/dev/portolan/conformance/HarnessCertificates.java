package dev.portolan.conformance;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates as the conformance suite generates them: RSA 2048, PEM, CN=default O=Acme Co for leaves. */
public final class HarnessCertificates {
    /** A certificate and its private key, both PEM (the key as PKCS#8). */
    public record Pem(String certificate, String privateKey, X509Certificate x509, PrivateKey key) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private HarnessCertificates() {
    }

    public static Pem certificateAuthority(String commonName) {
        return issue(new X500Name("CN=" + commonName), List.of(), null, true, null);
    }

    /** A leaf; {@code issuer} null = self-signed. {@code extendedKeyUsage}: serverAuth, clientAuth or null. */
    public static Pem leaf(List<String> sans, Pem issuer, String extendedKeyUsage) {
        return issue(new X500Name("CN=default, O=Acme Co"), sans, issuer, false, extendedKeyUsage);
    }

    private static Pem issue(X500Name subject, List<String> sans, Pem issuer, boolean ca, String extendedKeyUsage) {
        try {
            KeyPair keys = rsa();
            Instant now = Instant.now();
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.x509().getSubjectX500Principal().getEncoded());
            PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(sans));
            }
            if (extendedKeyUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        "clientAuth".equals(extendedKeyUsage) ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
            return new Pem(pem(certificate), pkcs8Pem(keys.getPrivate()), certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate test certificate " + subject + " " + sans, e);
        }
    }

    /** IPs become IP SANs, DNS names (wildcards included) DNS SANs, anything else a URI SAN. */
    private static GeneralNames subjectAltNames(List<String> sans) {
        List<GeneralName> names = new ArrayList<>();
        for (String san : sans) {
            if (san.matches("[0-9.]+") || san.contains(":") && !san.contains("/")) {
                names.add(new GeneralName(GeneralName.iPAddress, san));
            } else if (san.matches("[*A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, san));
            } else {
                names.add(new GeneralName(GeneralName.uniformResourceIdentifier, san));
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pkcs8Pem(PrivateKey key) throws java.io.IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null).generate());
        }
        return out.toString();
    }

    private static String pem(Object object) throws java.io.IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
