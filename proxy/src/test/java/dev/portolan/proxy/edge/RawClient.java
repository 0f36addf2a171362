package dev.portolan.proxy.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HTTP/1.1 written byte for byte (curl --path-as-is): the tests need paths and header lines no client library sends. */
final class RawClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawClient() {
    }

    record Reply(int status, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** The echo backend's JSON; fails when the proxy answered itself. */
        JsonNode echo() throws IOException {
            if (!"application/json".equals(header("Content-Type"))) {
                throw new AssertionError("expected an echo answer, got " + status + ": " + body);
            }
            return JSON.readTree(body);
        }

        /** All values of a header the backend received, in order. */
        List<String> echoed(String canonicalName) throws IOException {
            List<String> out = new ArrayList<>();
            echo().path("headers").path(canonicalName).forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    /** GET {@code target} with Host {@code host} and the extra header lines, on a new connection. */
    static Reply get(int port, String target, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: edge.example\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return send(port, head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static Reply send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(EdgeProxy.ADDRESS, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        int length = -1;
        boolean chunked = false;
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon);
            String value = l.substring(colon + 1).trim();
            headers.add(new String[]{name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
            if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).trim(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
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
