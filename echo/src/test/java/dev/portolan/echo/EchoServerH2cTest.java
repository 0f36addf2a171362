package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EchoServerH2cTest {

    private static EchoServer echo;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("infra-backend-v1-7c9f-abcd1", "gateway-conformance-infra")
                .withH2cPort(0));
        // Prior-knowledge h2c: the JDK client cannot do this, Jetty's HTTP/2 transport can.
        client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        // Any authority reaches the echo's h2c port, so the test controls :authority like a gateway would.
        client.setSocketAddressResolver((host, port, context, promise) ->
                promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", h2cPort()))));
        client.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.stop();
        echo.stop();
    }

    private static int h2cPort() {
        return echo.h2cPort().orElseThrow();
    }

    @Test
    void answersHttp2PriorKnowledgeWithTheAuthorityAsHost() throws Exception {
        ContentResponse response = client.newRequest("http://h2c.example.com:81/h2c?x=1")
                .headers(h -> h.put("X-Header-Add", "v").put("X-Echo-Set-Header", "X-Out:o"))
                .timeout(10, TimeUnit.SECONDS)
                .send();
        assertEquals(200, response.getStatus(), response.getContentAsString());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("o", response.getHeaders().get("X-Out"));
        JsonNode json = new ObjectMapper().readTree(response.getContentAsString());
        assertEquals("HTTP/2.0", json.get("proto").asText());
        assertEquals("/h2c?x=1", json.get("path").asText());
        assertEquals("h2c.example.com:81", json.get("host").asText());
        assertEquals("[\"v\"]", json.get("headers").get("X-Header-Add").toString());
        assertTrue(echo.recorded().stream().anyMatch(r -> r.pathAndQuery().equals("/h2c?x=1")
                && r.protocol().equals("HTTP/2.0") && r.port() == h2cPort()));
    }

    @Test
    void reportsAuthorityAsHostWhenAHostHeaderDisagrees() throws Exception {
        ContentResponse response = client.newRequest("http://authority.example.com:8080/mismatch")
                .headers(h -> h.put("Host", "header.example.com"))
                .timeout(10, TimeUnit.SECONDS)
                .send();
        assertEquals(200, response.getStatus(), response.getContentAsString());
        JsonNode json = new ObjectMapper().readTree(response.getContentAsString());
        assertEquals("authority.example.com:8080", json.get("host").asText());
    }

    @Test
    void refusesPlainHttp11OnTheH2cPort() throws Exception {
        RawHttp.Reply reply = RawHttp.get("127.0.0.1", h2cPort(), "/", "example.com");
        assertEquals(400, reply.status());
        assertEquals("Expected h2c request", reply.body());
    }

    @Test
    void acceptsAnHttp11UpgradeToH2c() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", h2cPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /up HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes("HTTP/1.1 101".length());
            assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void plainHttpPortStaysHttp11() throws Exception {
        RawHttp.Reply reply = RawHttp.get("127.0.0.1", echo.httpPort(), "/", "example.com");
        assertEquals(200, reply.status());
        assertEquals("HTTP/1.1", reply.json().get("proto").asText());
    }
}
