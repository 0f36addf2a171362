package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kind of error the API answers, provoked for real, is application/problem+json that validates against the
 * document's Problem schema, with a status the operation documents. The checking client
 * fails the test on any mismatch before the assertions here run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsAreProblemsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: %s, namespace: default%s}
            spec:
              parentRefs: [{name: example-gateway}]
              rules: [{backendRefs: [{name: echo, port: 8080}]}]
            """;
    private RunningPortolan portolan;
    private HttpClient http;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start("");
        http = ContractCheckingHttpClient.builder().build();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    @Test
    void readErrors() throws Exception {
        problem(404, get("/api/v1/httproutes/default/nope"), "HTTPRoute/default/nope", null);
        problem(400, get("/api/v1/httproutes?labelSelector=a%20in"), null, "labelSelector");
        problem(400, get("/api/v1/gateways?limit=0"), null, "limit");
        problem(404, get("/api/v1/gateways?for=httproute/default/nope"), null, "for");
        problem(400, get("/api/v1/policies/Nope.example.com/default/x"), null, "kind");
        problem(404, get("/api/v1/policycrds/nopes.example.com"), null, null);
        problem(404, get("/api/v1/topology?for=httproute/default/nope"), null, null);
        problem(400, get("/api/v1/trace?gateway=default/nope&path=/"), null, null);
    }

    @Test
    void traceBodyThatIsNoJsonIsABadRequest() throws Exception {
        problem(400, send(HttpRequest.newBuilder(uri("/api/v1/trace")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))), null, null);
    }

    @Test
    void writeErrors() throws Exception {
        problem(401, send(apply(ROUTE.formatted("a", ""), null)), null, "Authorization");
        problem(401, send(apply(ROUTE.formatted("a", ""), "not-a-token")), null, "Authorization");
        problem(400, send(apply("kind: [", RunningPortolan.TOKEN)), null, null);
        problem(422, send(apply(ROUTE.formatted("Not_A_Name", ""), RunningPortolan.TOKEN)), null, "metadata.name");
        problem(409, send(apply(ROUTE.formatted("echo", ", resourceVersion: \"1\""), RunningPortolan.TOKEN)),
                "HTTPRoute/default/echo", "metadata.resourceVersion");
        problem(413, send(apply("#".repeat(3 * 1024 * 1024 + 1), RunningPortolan.TOKEN)), null, null);
        problem(404, send(HttpRequest.newBuilder(uri("/api/v1/httproutes/default/nope"))
                .header("Authorization", "Bearer " + RunningPortolan.TOKEN).DELETE()), null, null);
        problem(404, send(HttpRequest.newBuilder(uri("/api/v1/nothings/default/x"))
                .header("Authorization", "Bearer " + RunningPortolan.TOKEN).DELETE()), null, null);
    }

    @Test
    void proxyConfigErrors() throws Exception {
        problem(401, get("/proxy/v1/config?wait=0s"), null, "Authorization");
        problem(400, send(HttpRequest.newBuilder(uri("/proxy/v1/config?wait=forever"))
                .header("Authorization", "Bearer " + RunningPortolan.TOKEN)), null, null);
    }

    @Test
    void errorsOutsideTheOperationsAreProblemsToo() throws Exception {
        ContractValidator contract = ContractValidator.shared();
        HttpClient plain = HttpClient.newHttpClient();
        for (HttpRequest request : new HttpRequest[] {
            HttpRequest.newBuilder(uri("/api/v1/nothing")).build(),
            HttpRequest.newBuilder(uri("/api/v1/summary")).header("Authorization", "Bearer " + RunningPortolan.TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()}) {
            HttpResponse<byte[]> answer = plain.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = answer.headers().firstValue("Content-Type").orElse("");
            assertEquals("", contract.checkAsOtherError(answer.statusCode(), type, answer.body()),
                    request.uri() + " answered " + new String(answer.body(), StandardCharsets.UTF_8));
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 405, request + " " + answer.statusCode());
        }
    }

    @Test
    void aHostThisServerDoesNotAnswerIsAMisdirectedRequestProblem() throws Exception {
        // java.net.http will not send another Host header, so this one is written by hand
        URI base = URI.create(portolan.baseUri());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/summary HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawAnswer answer = RawAnswer.read(socket.getInputStream());
            assertEquals(421, answer.status());
            assertEquals("", ContractValidator.shared().check("GET", "/api/v1/summary", answer.status(),
                    answer.contentType(), answer.body()), answer.text());
            assertEquals("Host", JSON.readTree(answer.body()).path("field").asText());
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private HttpRequest.Builder apply(String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/apply"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create(portolan.baseUri().replaceAll("/$", "") + path);
    }

    private static void problem(int status, HttpResponse<byte[]> answer, String object, String field)
            throws IOException {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(status, answer.statusCode(), text);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/problem+json"), answer.headers().toString());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(status, problem.path("status").asInt(), text);
        assertTrue(problem.path("detail").asText().length() > 0, text);
        if (object != null) {
            assertEquals(object, problem.path("object").asText(), text);
        }
        if (field != null) {
            assertEquals(field, problem.path("field").asText(), text);
        }
    }

    /** A minimal HTTP/1.1 answer reader (Content-Length or close-delimited body) for the hand-written request. */
    private record RawAnswer(int status, String contentType, byte[] body) {
        static RawAnswer read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String type = null;
            boolean chunked = false;
            for (String line : head) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    type = line.substring(line.indexOf(':') + 1).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = text.substring(end + 4);
            if (chunked) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new RawAnswer(status, type, body.getBytes(StandardCharsets.ISO_8859_1));
        }

        String text() {
            return status + " " + contentType + " " + new String(body, StandardCharsets.UTF_8);
        }
    }
}
