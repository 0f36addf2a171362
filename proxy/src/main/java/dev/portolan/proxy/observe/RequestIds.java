package dev.portolan.proxy.observe;

import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Request-Id values: a client's id is kept when it is well-formed (1 to {@value #MAX_LENGTH} characters of
 * letters, digits and {@code - _ . :}, which covers UUIDs and the usual trace ids); anything else, including
 * several values, is replaced by a fresh random 128-bit id in hex. Ids correlate logs, they are not secrets, so a
 * fast non-cryptographic random suffices.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The id to use for a request whose client sent {@code sent} (null when absent). */
    public static String keepOrGenerate(String sent) {
        return isWellFormed(sent) ? sent : generate();
    }

    static boolean isWellFormed(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /** 32 lower-case hex digits. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
