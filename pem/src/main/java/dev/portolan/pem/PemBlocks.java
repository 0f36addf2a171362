package dev.portolan.pem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits PEM text into its blocks in one linear pass (no backtracking regex over hostile input), bounded in size
 * and count. Text between blocks is ignored, as OpenSSL does; a block without its END line, or whose body is not
 * base64, is an error.
 */
final class PemBlocks {
    /** The most a Kubernetes Secret or ConfigMap can hold; no certificate, chain, bundle or key is larger. */
    static final int MAX_CHARS = 1024 * 1024;
    /** Far above any real chain or CA bundle (public trust stores hold about 150 certificates). */
    static final int MAX_BLOCKS = 1000;
    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";

    /** One block: its type (e.g. CERTIFICATE), decoded body and the block's own text, BEGIN to END line. */
    record Block(String type, byte[] der, String text) {
    }

    private PemBlocks() {
    }

    static List<Block> read(String pem, TlsPemException.Part part) {
        List<Block> blocks = new ArrayList<>();
        if (pem == null) {
            return blocks;
        }
        if (pem.length() > MAX_CHARS) {
            throw new TlsPemException(part, "is " + pem.length() + " characters long, more than the " + MAX_CHARS
                    + " a Secret or ConfigMap can hold");
        }
        int from = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            if (blocks.size() == MAX_BLOCKS) {
                throw new TlsPemException(part, "holds more than " + MAX_BLOCKS + " PEM blocks");
            }
            int typeEnd = pem.indexOf(DASHES, begin + BEGIN.length());
            int lineEnd = pem.indexOf('\n', begin);
            if (typeEnd < 0 || (lineEnd >= 0 && lineEnd < typeEnd)) {
                throw new TlsPemException(part, "block " + blocks.size() + " has a malformed BEGIN line");
            }
            String type = pem.substring(begin + BEGIN.length(), typeEnd);
            String end = DASHES + "END " + type + DASHES;
            int bodyStart = typeEnd + DASHES.length();
            int endAt = pem.indexOf(end, bodyStart);
            if (endAt < 0) {
                throw new TlsPemException(part, "block " + blocks.size() + " (" + printable(type)
                        + ") has no END line");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(stripWhitespace(pem.substring(bodyStart, endAt)));
            } catch (IllegalArgumentException e) {
                throw new TlsPemException(part, "block " + blocks.size() + " (" + printable(type)
                        + ") is not valid base64");
            }
            if (der.length == 0) {
                throw new TlsPemException(part, "block " + blocks.size() + " (" + printable(type) + ") is empty");
            }
            blocks.add(new Block(type, der, pem.substring(begin, endAt + end.length())));
            from = endAt + end.length();
        }
    }

    /** A block type for messages: PEM types are short upper-case words; anything else is not echoed. */
    static String printable(String type) {
        return type.length() <= 40 && type.matches("[A-Z0-9 ]*") ? type : "unreadable type";
    }

    /** The MIME decoder skips unknown characters silently; only whitespace may be dropped here. */
    private static String stripWhitespace(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                throw new IllegalArgumentException("not base64");
            }
            out.append(c);
        }
        return out.toString();
    }
}
