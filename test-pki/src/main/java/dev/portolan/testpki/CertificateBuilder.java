package dev.portolan.testpki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A leaf certificate to issue: signed by a {@link CertificateAuthority}, or self-signed. Defaults: EC key, subject
 * {@code CN=<first SAN>}, no extended key usage.
 */
public final class CertificateBuilder {
    private final CertificateAuthority issuer;
    private final List<String> sans = new ArrayList<>();
    private final Set<KeyPurpose> purposes = EnumSet.noneOf(KeyPurpose.class);
    private String subject;
    private KeyType keyType = KeyType.EC;

    /** {@code issuer} null = self-signed. */
    CertificateBuilder(CertificateAuthority issuer) {
        this.issuer = issuer;
    }

    /** The subject as an X.500 name, e.g. {@code CN=default, O=Acme Co}. */
    public CertificateBuilder subject(String x500Name) {
        this.subject = x500Name;
        return this;
    }

    /**
     * Adds subject alternative names, each classified by its form: an IP literal becomes an IP SAN, a DNS name
     * (wildcards included) a DNS SAN, anything else (e.g. {@code spiffe://cluster.local/ns/a/sa/b}) a URI SAN.
     */
    public CertificateBuilder sans(String... names) {
        return sans(Arrays.asList(names));
    }

    public CertificateBuilder sans(List<String> names) {
        sans.addAll(names);
        return this;
    }

    public CertificateBuilder keyType(KeyType type) {
        this.keyType = type;
        return this;
    }

    /** Adds extended key usages; none at all means the certificate is not restricted. */
    public CertificateBuilder purposes(KeyPurpose... add) {
        purposes.addAll(Arrays.asList(add));
        return this;
    }

    public IssuedCertificate issue() {
        if (subject == null && sans.isEmpty()) {
            throw new IllegalStateException("test certificate needs a subject or at least one SAN");
        }
        X500Name subjectName = new X500Name(subject != null ? subject : "CN=" + sans.get(0));
        KeyPair keys = keyType.generate();
        X500Name issuerName = issuer == null ? subjectName : Signing.issuerName(issuer.certificate());
        PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.privateKey();
        X509v3CertificateBuilder builder = Signing.template(issuerName, subjectName, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.of(sans));
            }
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        purposes.stream().map(KeyPurpose::id).toArray(KeyPurposeId[]::new)));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot add extensions to test certificate " + subjectName + " " + sans, e);
        }
        return new IssuedCertificate(Signing.sign(builder, signingKey, subjectName), keys,
                issuer == null ? List.of() : issuer.chainForIssued());
    }
}
