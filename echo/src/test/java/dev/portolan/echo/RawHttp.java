package dev.portolan.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 exchange over a given socket: the tests need exact control of the request line and the
 * Host header, which java.net.http does not give.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, List<String[]> headers, String body) {

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : String.join(",", values);
        }

        List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code requestHead} (request line + headers, CRLF-separated, no final blank line) and reads one reply. */
    static Reply exchange(Socket socket, String requestHead) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write((requestHead + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        int length = -1;
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon);
            String value = l.substring(colon + 1).trim();
            headers.add(new String[]{name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    static Reply get(String host, int port, String target, String hostHeader, String... extraHeaders)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader);
            for (String h : extraHeaders) {
                head.append("\r\n").append(h);
            }
            return exchange(socket, head.toString());
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = buffer.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
