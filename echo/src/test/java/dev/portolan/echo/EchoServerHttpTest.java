package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoServerHttpTest {

    private static EchoServer echo;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("infra-backend-v1-7c9f-abcd1", "gateway-conformance-infra"));
    }

    @AfterAll
    static void stop() throws Exception {
        echo.stop();
    }

    @BeforeEach
    void clear() {
        echo.clearRecorded();
    }

    private static RawHttp.Reply get(String target, String... headers) throws IOException {
        return RawHttp.get(echo.host(), echo.httpPort(), target, "example.com:1234", headers);
    }

    @Test
    void echoesTheRequestAsTheConformanceJson() throws Exception {
        RawHttp.Reply reply = get("/v2/example?x=1&y=%2F", "X-Header-Add: a", "x-header-add: b", "User-Agent: t/1",
                "X-Echo-Set-Header: ");
        assertEquals(200, reply.status());
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        JsonNode json = reply.json();
        assertEquals("/v2/example?x=1&y=%2F", json.get("path").asText());
        assertEquals("example.com:1234", json.get("host").asText());
        assertEquals("GET", json.get("method").asText());
        assertEquals("HTTP/1.1", json.get("proto").asText());
        assertEquals("gateway-conformance-infra", json.get("namespace").asText());
        assertEquals("infra-backend-v1-7c9f-abcd1", json.get("pod").asText());
        assertEquals("", json.get("ingress").asText());
        assertEquals("", json.get("service").asText());
        assertEquals(String.valueOf(echo.httpPort()), json.get("httpPort").asText());
        JsonNode headers = json.get("headers");
        assertEquals("[\"a\",\"b\"]", headers.get("X-Header-Add").toString());
        assertEquals("[\"t/1\"]", headers.get("User-Agent").toString());
        assertNull(headers.get("Host"), "Host is reported as host, not as a header");
        assertNull(json.get("tls"), "tls is omitted on plain HTTP");
    }

    @Test
    void keepsRawPathWithDoubleSlashesAndEncodedCharacters() throws Exception {
        RawHttp.Reply reply = get("//a//b/%2e%2e/c?q=%20");
        assertEquals(200, reply.status());
        assertEquals("//a//b/%2e%2e/c?q=%20", reply.json().get("path").asText());
    }

    @Test
    void setsResponseHeadersFromXEchoSetHeader() throws Exception {
        RawHttp.Reply reply = get("/set", "X-Echo-Set-Header: X-Header-Set: v1, X-Multi:a", "X-Echo-Set-Header: X-Multi:b");
        assertEquals(200, reply.status());
        assertEquals("v1", reply.header("X-Header-Set"));
        assertEquals(List.of("a,b"), reply.headers("X-Multi"));
        assertTrue(reply.headers().stream().anyMatch(h -> h[0].equals("X-Header-Set")), "name case is preserved");
    }

    @Test
    void delaysTheAnswer() throws Exception {
        long start = System.nanoTime();
        RawHttp.Reply reply = get("/slow?delay=400ms");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, reply.status());
        assertEquals("/slow?delay=400ms", reply.json().get("path").asText());
        assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void rejectsAnInvalidDelay() throws Exception {
        RawHttp.Reply reply = get("/slow?delay=soon");
        assertEquals(400, reply.status());
        assertTrue(reply.body().contains("delay"), reply.body());
    }

    @Test
    void answersHealthAndStatusPaths() throws Exception {
        RawHttp.Reply health = get("/health");
        assertEquals(200, health.status());
        assertEquals("OK", health.body());
        assertEquals(503, get("/status/503").status());
        assertEquals(302, get("/status/302").status());
        assertEquals(400, get("/status/5x3").status());
        assertEquals(400, get("/status/200?a=b").status(), "the regex applies to the whole request URI");
    }

    @Test
    void retrySimulatorFailsWithTheResponseCodeThenEchoes() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String target = "/retry/x?uuid=" + uuid + "&succeedAfter=2&responseCode=503";
        assertEquals(503, get(target).status());
        assertEquals(503, get(target).status());
        RawHttp.Reply third = get(target);
        assertEquals(200, third.status());
        assertEquals(target, third.json().get("path").asText());
    }

    @Test
    void retrySimulatorResetsTheConnectionWithoutResponseCode() throws Exception {
        String target = "/retry/?uuid=" + UUID.randomUUID() + "&succeedAfter=1";
        assertThrows(IOException.class, () -> get(target));
        assertEquals(200, get(target).status());
        assertEquals(400, get("/retry/?succeedAfter=1").status(), "uuid is required");
    }

    @Test
    void recordsEveryRequestForMirrorChecks() throws Exception {
        get("/mirror?n=1", "X-Mirror: yes");
        get("/mirror?n=1");
        get("/other");
        List<RecordedRequest> recorded = echo.recorded();
        assertEquals(List.of("/mirror?n=1", "/mirror?n=1", "/other"),
                recorded.stream().map(RecordedRequest::pathAndQuery).toList());
        RecordedRequest first = recorded.get(0);
        assertEquals("GET", first.method());
        assertEquals("example.com:1234", first.host());
        assertEquals(List.of("yes"), first.headers().get("X-Mirror"));
        assertEquals("HTTP/1.1", first.protocol());
        assertEquals(echo.httpPort(), first.port());
        assertEquals(2, echo.recordedCount("/mirror?n=1"));
        assertEquals(0, echo.recordedCount("/mirror"));
    }

    @Test
    void worksWithTheJdkClientIncludingPostBodies() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(echo.httpUrl() + "/post?p=1"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertEquals("POST", json.get("method").asText());
        assertEquals("/post?p=1", json.get("path").asText());
        assertEquals("127.0.0.1:" + echo.httpPort(), json.get("host").asText());
        assertFalse(json.get("headers").has("Host"));
    }

    @Test
    void twoInstancesRunSideBySideOnFreePorts() throws Exception {
        try (EchoServer other = EchoServer.start(EchoOptions.of("infra-backend-v2-1a2b-xyz12", "ns2")
                .withReportedHttpPort("3000"))) {
            assertTrue(other.httpPort() != echo.httpPort());
            JsonNode json = RawHttp.get(other.host(), other.httpPort(), "/", "b").json();
            assertEquals("infra-backend-v2-1a2b-xyz12", json.get("pod").asText());
            assertEquals("ns2", json.get("namespace").asText());
            assertEquals("3000", json.get("httpPort").asText());
            assertEquals(List.of(), echo.recorded(), "recording is per instance");
        }
    }
}
