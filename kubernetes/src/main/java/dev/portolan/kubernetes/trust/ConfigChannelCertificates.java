package dev.portolan.kubernetes.trust;

import dev.portolan.pem.TlsPem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The config channel's key material: a CA of its own (the cluster's CA is not for workloads' serving certificates)
 * and a serving certificate it signs for the control plane's Service names. EC P-256 keys, PEM text as kept in the
 * Secret. Pure: no I/O beyond the random source.
 */
public final class ConfigChannelCertificates {
    /** Long enough to outlive a release cycle; rotation is deleting the Secret (see the README). */
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    static final Duration SERVING_LIFETIME = Duration.ofDays(1825);
    /** Clocks of replicas and proxies differ a little; a certificate valid from "now" could be refused. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALIAS = "portolan-config-channel";

    private ConfigChannelCertificates() {
    }

    /** PEM text of the CA certificate, the serving certificate and the serving key. */
    public record Material(String caCertificate, String certificate, String privateKey) {
    }

    /** A new CA (its key used once, then dropped) and a serving certificate for {@code dnsNames} signed by it. */
    public static Material issue(List<String> dnsNames, Instant now) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("the serving certificate needs at least one DNS name");
        }
        try {
            KeyPair caKeys = ecKeys();
            X500Name caName = new X500Name("CN=Portolan config channel CA");
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_LIFETIME)), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

            KeyPair servingKeys = ecKeys();
            X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(SERVING_LIFETIME)),
                    new X500Name("CN=" + dnsNames.get(0)), servingKeys.getPublic());
            serving.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            serving.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            serving.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            serving.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                    .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new)));
            serving.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(caCertificate));
            serving.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(servingKeys.getPublic()));
            X509Certificate servingCertificate = sign(serving, caKeys.getPrivate());
            return new Material(pem(caCertificate), pem(servingCertificate), pemKey(servingKeys.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("issuing the config channel's certificates failed: " + e, e);
        }
    }

    /** An in-memory key store with the serving key and its chain, protected by {@code password}. */
    public static KeyStore keyStore(Material material, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            TlsPem.Identity serving = TlsPem.identity(material.certificate(), material.privateKey());
            store.setKeyEntry(KEY_ALIAS, serving.key(), password, new Certificate[] {
                    serving.chain().get(0), certificate(material.caCertificate())});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the config channel's key material does not load: " + e.getMessage(),
                    e);
        }
    }

    /** The first certificate of PEM text, read by {@link TlsPem}; throws IllegalArgumentException naming what is wrong. */
    public static X509Certificate certificate(String pem) {
        return TlsPem.certificateChain(pem).get(0);
    }

    /** The private key of {@code certificate}, read by {@link TlsPem}: it must belong to that certificate. */
    static PrivateKey privateKey(String pem, X509Certificate certificate) {
        return TlsPem.privateKey(pem, certificate);
    }

    /** The DNS names of a certificate's subjectAltName extension. */
    public static List<String> dnsNames(X509Certificate certificate) {
        try {
            var names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().filter(n -> (Integer) n.get(0) == GeneralName.dNSName)
                    .map(n -> (String) n.get(1)).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable subjectAltName: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String pemKey(PrivateKey key) throws IOException {
        return pem(new JcaPKCS8Generator(key, null).generate());
    }
}
