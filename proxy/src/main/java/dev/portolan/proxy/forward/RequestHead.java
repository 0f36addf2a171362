package dev.portolan.proxy.forward;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The bytes of an HTTP/1.1 request head: request line, header lines, empty line. Header names and values arrive
 * validated (Jetty's parser on the client side, the control plane for filter values); a CR, LF or NUL that got
 * through anyway becomes a space so that it cannot split the request, and characters beyond ISO-8859-1 become '?'.
 */
final class RequestHead {

    private RequestHead() {
    }

    /**
     * @param contentLength the Content-Length to send instead of any in {@code headers}; -1 keeps theirs
     * @param chunked       whether to add Transfer-Encoding: chunked (a streamed body of unknown length)
     */
    static ByteBuffer encode(String method, String pathAndQuery, HttpFields headers, long contentLength,
                             boolean chunked) {
        int size = method.length() + pathAndQuery.length() + 128;
        for (HttpField field : headers) {
            size += field.getName().length() + (field.getValue() == null ? 0 : field.getValue().length()) + 4;
        }
        byte[] out = new byte[size];
        int at = put(out, 0, method);
        out[at++] = ' ';
        at = put(out, at, pathAndQuery);
        at = putRaw(out, at, " HTTP/1.1\r\n");
        for (HttpField field : headers) {
            HttpHeader header = field.getHeader();
            if (header == HttpHeader.EXPECT || header == HttpHeader.TRANSFER_ENCODING
                    || contentLength >= 0 && header == HttpHeader.CONTENT_LENGTH) {
                // the body is sent at once (the listener answers the client's 100-continue itself); framing is ours
                continue;
            }
            at = put(out, at, field.getName());
            out[at++] = ':';
            out[at++] = ' ';
            at = put(out, at, field.getValue() == null ? "" : field.getValue());
            out[at++] = '\r';
            out[at++] = '\n';
        }
        if (contentLength >= 0) {
            at = putRaw(out, at, "Content-Length: ");
            at = put(out, at, Long.toString(contentLength));
            out[at++] = '\r';
            out[at++] = '\n';
        }
        if (chunked) {
            at = putRaw(out, at, "Transfer-Encoding: chunked\r\n");
        }
        out[at++] = '\r';
        out[at++] = '\n';
        return ByteBuffer.wrap(out, 0, at);
    }

    private static int putRaw(byte[] out, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            out[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    private static int put(byte[] out, int at, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            // one range test for the usual printable character, the rare ones sorted out apart
            out[at++] = c >= ' ' && c <= 0xff ? (byte) c : unusual(c);
        }
        return at;
    }

    private static byte unusual(char c) {
        return c == '\r' || c == '\n' || c == 0 ? (byte) ' ' : c > 0xff ? (byte) '?' : (byte) c;
    }
}
