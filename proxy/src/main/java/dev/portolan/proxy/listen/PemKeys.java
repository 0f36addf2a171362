package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.CertificateConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.AlgorithmParameters;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns PEM certificates and keys into an in-memory KeyStore, one alias per certificate, without any extra
 * library. Keys: PKCS#8 ("PRIVATE KEY"), PKCS#1 RSA ("RSA PRIVATE KEY") and SEC1 EC ("EC PRIVATE KEY"); the
 * older two are wrapped into PKCS#8 so the JDK's KeyFactory can read them.
 */
public final class PemKeys {
    /** Protects nothing (the store never leaves memory) but PKCS#12 entries need a password. */
    public static final String STORE_PASSWORD = "portolan-in-memory";

    private static final Pattern KEY_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemKeys() {
    }

    /**
     * @param owner names the certificates' owner in error messages, e.g. "Gateway ns/gw port 443"
     * @throws IllegalArgumentException naming the certificate index and what is wrong
     */
    public static KeyStore keyStore(List<CertificateConfig> certificates, String owner) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                String where = owner + " certificates[" + i + "]";
                CertificateConfig certificate = certificates.get(i);
                Certificate[] chain = chain(certificate.certificateChainPem(), where);
                PrivateKey key = privateKey(certificate.privateKeyPem(), chain[0].getPublicKey(), where);
                store.setKeyEntry("cert-" + i, key, STORE_PASSWORD.toCharArray(), chain);
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(owner + ": cannot build the in-memory key store: " + e.getMessage(), e);
        }
    }

    static Certificate[] chain(String pem, String where) {
        try {
            List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(where + ".certificateChainPem: no certificate found");
            }
            for (Certificate cert : certs) {
                if (!(cert instanceof X509Certificate)) {
                    throw new IllegalArgumentException(where + ".certificateChainPem: not an X.509 certificate");
                }
            }
            return certs.toArray(new Certificate[0]);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ".certificateChainPem: not a PEM certificate chain ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @param certificateKey the leaf certificate's public key: gives the algorithm and, for SEC1, the curve */
    static PrivateKey privateKey(String pem, PublicKey certificateKey, String where) {
        String algorithm = certificateKey.getAlgorithm();
        Matcher block = KEY_BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException(where + ".privateKeyPem: no PEM block found");
        }
        String type = block.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".privateKeyPem: invalid base64 in " + type, e);
        }
        byte[] pkcs8 = switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> sequence(concat(hex("020100"), RSA_ALGORITHM, tlv(0x04, der)));
            case "EC PRIVATE KEY" -> sequence(concat(hex("020100"),
                    sequence(concat(EC_PUBLIC_KEY_OID, curveOid(der, certificateKey, where))), tlv(0x04, der)));
            default -> throw new IllegalArgumentException(where + ".privateKeyPem: unsupported key type '" + type
                    + "' (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; encrypted keys are not supported)");
        };
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ".privateKeyPem: not a valid " + algorithm + " key for the "
                    + "certificate (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The named curve of a SEC1 ECPrivateKey: the OID inside its optional [0] parameters element, else the curve of
     * the certificate's key (some tools leave the parameters out).
     */
    private static byte[] curveOid(byte[] sec1, PublicKey certificateKey, String where) {
        int[] outer = header(sec1, 0);
        int pos = outer[0];
        int end = pos + outer[1];
        while (pos < end) {
            int tag = sec1[pos] & 0xff;
            int[] element = header(sec1, pos);
            if (tag == 0xa0) {
                int[] oid = header(sec1, element[0]);
                int oidStart = element[0];
                int oidEnd = oid[0] + oid[1];
                byte[] out = new byte[oidEnd - oidStart];
                System.arraycopy(sec1, oidStart, out, 0, out.length);
                return out;
            }
            pos = element[0] + element[1];
        }
        if (certificateKey instanceof ECPublicKey ec) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(ec.getParams());
                return parameters.getEncoded();
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalArgumentException(where + ".privateKeyPem: the certificate's EC curve is not a "
                        + "named curve (" + e.getMessage() + ")", e);
            }
        }
        throw new IllegalArgumentException(where + ".privateKeyPem: EC PRIVATE KEY names no curve and the "
                + "certificate's key is " + certificateKey.getAlgorithm() + ", not EC");
    }

    /** DER header at {@code pos}: returns {content offset, content length}. */
    private static int[] header(byte[] der, int pos) {
        int first = der[pos + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {pos + 2, first};
        }
        int bytes = first & 0x7f;
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[pos + 2 + i] & 0xff);
        }
        return new int[] {pos + 2 + bytes, length};
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
