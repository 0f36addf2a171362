package dev.portolan.proxy.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer digests exactly {@code String.getBytes(UTF_8)} of the text, however the text is split into writes. */
class Utf8DigestWriterTest {
    /** ASCII, controls, 2- and 3-byte chars, the ends of the BMP, pairs and both lone halves of surrogates. */
    private static final char[] ALPHABET = {'a', 'Z', '0', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f',
            '\u0080', 'ü', '\u07ff', '\u0800', 'ﬁ', '✓', '\u2028', '\ufeff', '\uffff', '\ud834', '\udd1e', '\udbff',
            '\udfff', '\ud800', '\udc00'};

    @Test
    void digestsTheUtf8BytesOfTheWholeTextAsStringEncodesThem() {
        for (String text : List.of("", "a", "ü", "𝄞", "a𝄞b", "\ud834", "\udd1e", "\udd1e\ud834", "x\ud834",
                "\ud834\ud834\udd1e", "\ud834x\udd1e", "ﬁ ✓ 𝄞 \u0000 \"\\", "é".repeat(5000), "𝄞".repeat(3000),
                "a".repeat(4095) + "𝄞", "a".repeat(4094) + "ü" + "\ud834")) {
            assertArrayEquals(expected(text), digestInOneWrite(text), text);
        }
    }

    @Test
    void anySplitIntoWritesGivesTheSameDigest() {
        Random random = new Random(20261207);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round < 400 ? 40 : 12_000);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = text.toString();
            Utf8DigestWriter out = new Utf8DigestWriter(Digests.sha256());
            int at = 0;
            while (at < s.length()) {
                int n = Math.min(s.length() - at, 1 + random.nextInt(round < 400 ? 5 : 5000));
                switch (random.nextInt(3)) {
                    case 0 -> out.write(s.toCharArray(), at, n);
                    case 1 -> out.write(s, at, n);
                    default -> {
                        out.write(s.charAt(at));
                        n = 1;
                    }
                }
                if (random.nextInt(4) == 0) {
                    out.flush(); // as a JSON generator flushes: a pending high surrogate waits for its other half
                }
                at += n;
            }
            assertArrayEquals(expected(s), out.digest(), "round " + round);
        }
    }

    private static byte[] digestInOneWrite(String text) {
        Utf8DigestWriter out = new Utf8DigestWriter(Digests.sha256());
        out.write(text, 0, text.length());
        return out.digest();
    }

    private static byte[] expected(String text) {
        return Digests.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
