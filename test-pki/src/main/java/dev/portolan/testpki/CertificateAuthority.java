package dev.portolan.testpki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** A self-signed root CA that issues leaf certificates. */
public final class CertificateAuthority extends IssuedCertificate {

    private CertificateAuthority(X509Certificate certificate, KeyPair keys) {
        super(certificate, keys, List.of());
    }

    static CertificateAuthority create(String commonName, KeyType keyType) {
        KeyPair keys = keyType.generate();
        X500Name name = new X500Name("CN=" + commonName);
        X509v3CertificateBuilder builder = Signing.template(name, name, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot add CA extensions to " + name, e);
        }
        return new CertificateAuthority(Signing.sign(builder, keys.getPrivate(), name), keys);
    }

    /** A builder for a leaf certificate signed by this CA. */
    public CertificateBuilder leaf() {
        return new CertificateBuilder(this);
    }

    /** An EC leaf for the given SANs (see {@link CertificateBuilder#sans}), CN = the first, no extended key usage. */
    public IssuedCertificate issue(String... sans) {
        return leaf().sans(sans).issue();
    }

    /** The chain above a certificate this CA signs: this CA, then its own issuers. */
    List<X509Certificate> chainForIssued() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate());
        chain.addAll(issuers());
        return chain;
    }
}
