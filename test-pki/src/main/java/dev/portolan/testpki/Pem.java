package dev.portolan.testpki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text of certificates, keys and raw DER blocks. */
final class Pem {
    private Pem() {
    }

    static String block(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM block " + type, e);
        }
        return out.toString();
    }

    static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    static String privateKey(KeyPair keys, KeyFormat format) {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        if (format == KeyFormat.PKCS8) {
            return block("PRIVATE KEY", pkcs8);
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            if (keys.getPrivate() instanceof ECPrivateKey ec) {
                return block("EC PRIVATE KEY", sec1(keys, ec, info));
            }
            return block("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + keys.getPrivate().getAlgorithm() + " key as " + format, e);
        }
    }

    /** SEC1 as OpenSSL writes it: naming the curve and carrying the public key, which the JDK's PKCS#8 omits. */
    private static byte[] sec1(KeyPair keys, ECPrivateKey key, PrivateKeyInfo info) throws IOException {
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        return new org.bouncycastle.asn1.sec.ECPrivateKey(key.getParams().getOrder().bitLength(), key.getS(),
                new DERBitString(publicKey.getPublicKeyData().getBytes()),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }
}
