package dev.portolan.proxy.config;

import java.io.Writer;
import java.security.MessageDigest;

/**
 * A {@link Writer} whose text is digested as its UTF-8 bytes, encoded exactly as {@code String.getBytes(UTF_8)}
 * encodes the same text in one piece (a surrogate pair split across two writes is still one 4-byte sequence; a lone
 * surrogate is {@code '?'}), without the text or its bytes ever being whole in memory. Jackson's own UTF-8 generator
 * is no substitute: it writes a character beyond the BMP as a JSON escape of each of its two surrogates, and a lone
 * surrogate as an escape too: other bytes than the text's, so other config versions.
 */
final class Utf8DigestWriter extends Writer {
    private final MessageDigest digest;
    private final byte[] buffer = new byte[4096];
    private int used;
    /** A high surrogate whose low half may come with the next write; 0 when there is none. */
    private char pendingHigh;

    Utf8DigestWriter(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            encode(chars[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            encode(text.charAt(i));
        }
    }

    @Override
    public void write(int c) {
        encode((char) c);
    }

    private void encode(char c) {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int codePoint = Character.toCodePoint(high, c);
                room(4);
                buffer[used++] = (byte) (0xF0 | (codePoint >> 18));
                buffer[used++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                buffer[used++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                buffer[used++] = (byte) (0x80 | (codePoint & 0x3F));
                return;
            }
            room(1);
            buffer[used++] = '?';
        }
        if (c < 0x80) {
            room(1);
            buffer[used++] = (byte) c;
        } else if (c < 0x800) {
            room(2);
            buffer[used++] = (byte) (0xC0 | (c >> 6));
            buffer[used++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            room(1);
            buffer[used++] = '?';
        } else {
            room(3);
            buffer[used++] = (byte) (0xE0 | (c >> 12));
            buffer[used++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buffer[used++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            digest.update(buffer, 0, used);
            used = 0;
        }
    }

    /** Keeps a trailing high surrogate: its low half may still come. */
    @Override
    public void flush() {
        digest.update(buffer, 0, used);
        used = 0;
    }

    /** The text has ended: a high surrogate still waiting is a lone one. */
    @Override
    public void close() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            room(1);
            buffer[used++] = '?';
        }
        flush();
    }

    /** SHA-256 (or whichever digest this was given) of all the text written, once it is closed. */
    byte[] digest() {
        close();
        return digest.digest();
    }
}
