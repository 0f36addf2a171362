package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.CertificateConfig;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA and server certificates for TLS tests, as PEM like the control plane would send them. */
public final class TestCerts {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** How the leaf's private key is written. */
    public enum KeyFormat { RSA_PKCS1, RSA_PKCS8, EC_SEC1, EC_PKCS8 }

    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCerts() throws Exception {
        caKeys = rsa();
        X500Name name = new X500Name("CN=Portolan Test CA");
        X509v3CertificateBuilder builder = builder(name, name, caKeys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(builder, caKeys.getPrivate());
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A trust store holding only the test CA. */
    public KeyStore trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        return store;
    }

    /** A server certificate for {@code dnsName} signed by the test CA. */
    public CertificateConfig server(String dnsName, KeyFormat format) throws Exception {
        KeyPair keys = format == KeyFormat.EC_SEC1 || format == KeyFormat.EC_PKCS8 ? ec() : rsa();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=Portolan Test CA"), new X500Name("CN=" + dnsName),
                keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509Certificate leaf = sign(builder, caKeys.getPrivate());
        String keyPem = switch (format) {
            case RSA_PKCS1, EC_SEC1 -> pem(keys.getPrivate());
            case RSA_PKCS8, EC_PKCS8 -> pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        };
        return new CertificateConfig(pem(leaf) + pem(ca), keyPem);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
