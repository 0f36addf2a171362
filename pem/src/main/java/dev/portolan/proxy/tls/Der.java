package dev.portolan.proxy.tls;

import java.io.ByteArrayOutputStream;

/**
 * The little DER the JDK lacks: wrapping PKCS#1 and SEC1 keys into PKCS#8, and finding a SEC1 key's curve. Every
 * read is bounds-checked; malformed input gives {@link IllegalArgumentException}.
 */
final class Der {
    static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");
    private static final byte[] VERSION_0 = hex("020100");

    private Der() {
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        return tlv(0x30, concat(VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1)));
    }

    /** PrivateKeyInfo with algorithm id-ecPublicKey and the given curve OID (its full TLV). */
    static byte[] pkcs8FromSec1(byte[] sec1, byte[] curveOid) {
        return tlv(0x30, concat(VERSION_0, tlv(0x30, concat(EC_PUBLIC_KEY_OID, curveOid)), tlv(0x04, sec1)));
    }

    /**
     * The curve OID (full TLV) inside a SEC1 ECPrivateKey's optional [0] parameters, or null when absent (some
     * tools leave it out; the certificate's curve applies then).
     */
    static byte[] sec1CurveOid(byte[] sec1) {
        int[] outer = header(sec1, 0, 0x30);
        int pos = outer[0];
        int end = outer[0] + outer[1];
        while (pos < end) {
            int tag = sec1[pos] & 0xff;
            int[] element = header(sec1, pos, tag);
            if (tag == 0xa0) {
                int[] oid = header(sec1, element[0], 0x06);
                int length = oid[0] + oid[1] - element[0];
                byte[] out = new byte[length];
                System.arraycopy(sec1, element[0], out, 0, length);
                return out;
            }
            pos = element[0] + element[1];
        }
        return null;
    }

    /** DER header at {@code pos} with the expected tag: {content offset, content length}, checked to fit. */
    private static int[] header(byte[] der, int pos, int expectedTag) {
        if (pos + 2 > der.length || (der[pos] & 0xff) != expectedTag) {
            throw new IllegalArgumentException("malformed DER");
        }
        int first = der[pos + 1] & 0xff;
        int contentStart;
        long length;
        if (first < 0x80) {
            contentStart = pos + 2;
            length = first;
        } else {
            int bytes = first & 0x7f;
            if (bytes == 0 || bytes > 3 || pos + 2 + bytes > der.length) {
                throw new IllegalArgumentException("malformed DER length");
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[pos + 2 + i] & 0xff);
            }
            contentStart = pos + 2 + bytes;
        }
        if (contentStart + length > der.length) {
            throw new IllegalArgumentException("DER length runs past the end");
        }
        return new int[] {contentStart, (int) length};
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
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
