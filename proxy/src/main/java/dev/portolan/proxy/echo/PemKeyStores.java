package dev.portolan.proxy.echo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds in-memory key stores from PEM text (the form Kubernetes TLS Secrets carry), without BouncyCastle. */
public final class PemKeyStores {

    /** Password of the in-memory stores; they never touch disk. */
    public static final String PASSWORD = "echo";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private PemKeyStores() {
    }

    /** Key store with one entry "echo": the private key and the chain (leaf first). */
    public static KeyStore keyStore(String what, String chainPem, String keyPem) {
        List<X509Certificate> chain = certificates(what + " certificate chain", chainPem);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(what + " certificate chain: no CERTIFICATE block in the PEM text");
        }
        PrivateKey key = privateKey(what + " private key", keyPem);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("echo", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(what + ": cannot store the private key with the certificate chain (leaf first, each signed by the next): "
                    + e.getMessage(), e);
        }
    }

    /** Trust store holding every certificate of the PEM bundle. */
    public static KeyStore trustStore(String what, String caPem) {
        List<X509Certificate> cas = certificates(what, caPem);
        if (cas.isEmpty()) {
            throw new IllegalArgumentException(what + ": no CERTIFICATE block in the PEM text");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(what + ": cannot build trust store: " + e.getMessage(), e);
        }
    }

    public static List<X509Certificate> certificates(String what, String pem) {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        int index = 0;
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) {
                continue;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(what, m.group(2)))));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(what + ": certificate #" + index + " is not a valid X.509 certificate: "
                        + e.getMessage(), e);
            }
            index++;
        }
        return out;
    }

    /** Accepts "PRIVATE KEY" (PKCS#8: RSA, EC, Ed25519) and "RSA PRIVATE KEY" (PKCS#1). */
    public static PrivateKey privateKey(String what, String pem) {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = decode(what, m.group(2));
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(what, der);
            }
            if (type.equals("RSA PRIVATE KEY")) {
                return pkcs8(what, wrapPkcs1Rsa(der));
            }
            if (type.equals("EC PRIVATE KEY")) {
                throw new IllegalArgumentException(what + ": SEC1 \"EC PRIVATE KEY\" is not supported; convert it to PKCS#8 "
                        + "(openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        throw new IllegalArgumentException(what + ": no PRIVATE KEY or RSA PRIVATE KEY block in the PEM text");
    }

    private static PrivateKey pkcs8(String what, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(what + ": PKCS#8 key is neither RSA, EC nor Ed25519");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] decode(String what, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": PEM block is not valid base64: " + e.getMessage(), e);
        }
    }
}
