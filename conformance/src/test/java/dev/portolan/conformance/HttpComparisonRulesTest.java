package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each comparison rule of an http step, against a real echo server answering as "the gateway". */
class HttpComparisonRulesTest {
    static final String NAMESPACE = "gateway-conformance-infra";
    static final RunnerOptions FAST = new RunnerOptions(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(500));
    private static final String GOOD_EXPECT = """
            {"statusCodes": [200], "backend": "infra-backend-v1", "namespace": "gateway-conformance-infra",
             "backendRequest": {"method": "GET", "path": "/v2?x=1", "host": "example.com:8080",
                                "headers": {"Version": "one"}, "absentHeaders": ["X-Nope"]},
             "responseHeaders": {"X-Header-Set": "v1"}, "absentResponseHeaders": ["X-Nope"]}""";

    static EchoServer echo;
    static EchoAsGateway gateway;
    static HttpStep http;

    @BeforeAll
    static void startEcho() throws Exception {
        IssuedCertificate certificate = TestPki.selfSigned().subject(ProgrammaticResources.LEAF_SUBJECT)
                .sans("abc.example.com").keyType(KeyType.RSA).purposes(KeyPurpose.SERVER_AUTH).issue();
        echo = EchoServer.start(EchoOptions.of("infra-backend-v1-abcde-fghij", NAMESPACE).withH2cPort(0)
                .withHttps(0, certificate.certificatePem(), certificate.privateKeyPem()));
        gateway = new EchoAsGateway(echo);
        ObjectNode secret = (ObjectNode) json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "echo-certificate", "namespace": "gateway-conformance-infra"},
                 "data": {}}""");
        secret.with("data").put("tls.crt", Base64.getEncoder().encodeToString(certificate.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        gateway.apply(secret);
        MirrorRecordings mirrors = (namespace, deployment, path) ->
                echo.options().podName().startsWith(deployment + "-") ? echo.recordedCount(path) : 0;
        http = new HttpStep(new GatewayClients(gateway, FAST.requestTimeout()), mirrors, FAST);
    }

    @AfterAll
    static void stopEcho() throws Exception {
        echo.stop();
    }

    @Test
    void passesWhenEveryExpectationHolds() {
        assertDoesNotThrow(() -> http.run(goodStep(GOOD_EXPECT)));
    }

    @Test
    void failsOnAStatusCodeNotListed() {
        fails(patched("statusCodes", "[404]"), "status 200, expected one of [404]");
    }

    @Test
    void failsWhenAnotherBackendAnswers() {
        fails(patched("backend", "\"infra-backend-v2\""), "answered by pod \"infra-backend-v1-abcde-fghij\", expected a pod of infra-backend-v2");
    }

    @Test
    void failsWhenTheNamespaceDiffers() {
        fails(patched("namespace", "\"other\""), "answered from namespace \"gateway-conformance-infra\"");
    }

    @Test
    void failsOnEachDifferenceInTheBackendRequest() {
        fails(patchedRequest("method", "\"POST\""), "backend received method GET, expected POST");
        fails(patchedRequest("path", "\"/v3\""), "backend received path \"/v2?x=1\", expected \"/v3\"");
        fails(patchedRequest("host", "\"other.com\""), "backend received host \"example.com:8080\", expected \"other.com\"");
        fails(patchedRequest("headers", "{\"version\": \"two\"}"), "backend request header version is \"one\", expected \"two\"");
        fails(patchedRequest("headers", "{\"Missing\": \"x\"}"), "backend request lacks header Missing");
        fails(patchedRequest("absentHeaders", "[\"Version\"]"), "backend request has header Version = \"one\", expected it absent");
        fails(patchedRequest("tlsServerName", "\"abc.example.com\""), "backend TLS server name (SNI) is \"\", expected \"abc.example.com\"");
    }

    @Test
    void comparesResponseHeadersExactlyOrOneOfOrIgnoringWhitespace() {
        fails(patched("responseHeaders", "{\"X-Header-Set\": \"v2\"}"), "response header X-Header-Set is \"v1\", expected \"v2\"");
        fails(patched("responseHeaders", "{\"X-Other\": \"v\"}"), "response lacks header X-Other");
        fails(patched("responseHeadersOneOf", "{\"x-header-set\": [\"a\", \"b\"]}"), "expected one of [a, b]");
        assertDoesNotThrow(() -> http.run(goodStep(patched("responseHeadersOneOf", "{\"x-header-set\": [\"a\", \"v1\"]}"))));
        fails(patched("responseHeaders", "{\"X-Header-Set\": \"v 1\"}"), "response header X-Header-Set is \"v1\", expected \"v 1\"");
        ObjectNode spaced = (ObjectNode) json(patched("responseHeaders", "{\"X-Header-Set\": \"v 1\"}"));
        spaced.put("ignoreWhitespaceInResponseHeaderValues", true);
        assertDoesNotThrow(() -> http.run(goodStep(spaced.toString())));
        fails(patched("absentResponseHeaders", "[\"X-Header-Set\"]"), "response has header X-Header-Set = \"v1\", expected it absent");
    }

    @Test
    void a408Or504AnswerPassesWhenTheStepAcceptsATimeout() {
        assertDoesNotThrow(() -> http.run(step("/status/504", "{}", """
                {"statusCodes": [504], "backend": "nobody", "backendRequest": {"path": "/elsewhere"}}""", "{}")));
        assertThrows(AssertionError.class, () -> http.run(step("/status/503", "{}", "{\"statusCodes\": [504]}", "{}")));
    }

    @Test
    void anAnswerWithoutAnEchoBodyCapturesOnlyTheMethod() {
        assertDoesNotThrow(() -> http.run(step("/status/204", "{}", """
                {"statusCodes": [204], "backend": "", "namespace": "", "backendRequest": {"method": "GET", "path": ""}}""", "{}")));
        AssertionError error = assertThrows(AssertionError.class, () -> http.run(step("/status/204", "{}", """
                {"statusCodes": [204], "backendRequest": {"method": "GET", "path": "/status/204"}}""", "{}")));
        assertTrue(error.getMessage().contains("backend received path \"\""), error.getMessage());
    }

    @Test
    void expectFailurePassesOnFailingAnswersAndFailsOnA200() {
        assertDoesNotThrow(() -> http.run(step("/status/404", "{}", "{}", "{\"mode\": \"expectFailure\"}")));
        AssertionError error = assertThrows(AssertionError.class, () -> http.run(step("/", "{}", "{}", "{\"mode\": \"expectFailure\"}")));
        assertTrue(error.getMessage().contains("answered 200 although the request must fail"), error.getMessage());
    }

    @Test
    void mirrorsAreFoundByRequestIdInTheEchoRecordings() {
        String expect = """
                {"statusCodes": [200], "backend": "infra-backend-v1", "backendRequest": {"path": "/mirror"},
                 "mirroredTo": [{"name": "%s", "namespace": "gateway-conformance-infra"}]}""";
        String extra = "{\"requestIdQueryParam\": \"gateway-api-conformance-request-id\"}";
        assertDoesNotThrow(() -> http.run(step("/mirror", "{}", expect.formatted("infra-backend-v1"), extra)));
        AssertionError error = assertThrows(AssertionError.class,
                () -> http.run(step("/mirror", "{}", expect.formatted("infra-backend-v2"), extra)));
        assertTrue(error.getMessage().contains("reached mirror backend gateway-conformance-infra/infra-backend-v2"), error.getMessage());
    }

    @Test
    void freshUuidReplacesThePlaceholderInRequestAndExpectation() {
        assertDoesNotThrow(() -> http.run(step("/retry-free?uuid={uuid}", "{}",
                "{\"statusCodes\": [200], \"backendRequest\": {\"path\": \"/retry-free?uuid={uuid}\"}}", "{\"freshUuidPerAttempt\": true}")));
    }

    @Test
    void h2cPriorKnowledgeReachesTheEchoOverHttp2() {
        assertDoesNotThrow(() -> http.run(json("""
                {"type": "http", "target": {"gateway": "gateway-conformance-infra/same-namespace", "port": 81, "scheme": "http"},
                 "request": {"method": "GET", "host": null, "path": "/h2c", "headers": {}, "protocol": "H2C_PRIOR_KNOWLEDGE"},
                 "expect": {"statusCodes": [200], "backend": "infra-backend-v1", "backendRequest": {"method": "GET", "path": "/h2c"}}}""")));
    }

    @Test
    void httpsSendsTheStepsServerNameAndTrustsTheNamedSecret() {
        String step = """
                {"type": "http", "target": {"gateway": "gateway-conformance-infra/same-namespace", "port": 443, "scheme": "https"},
                 "tls": {"serverName": "abc.example.com", "trustCertificateFromSecret": "gateway-conformance-infra/echo-certificate"},
                 "request": {"method": "GET", "host": "abc.example.com", "path": "/tls", "headers": {}},
                 "expect": {"statusCodes": [200], "backendRequest": {"path": "/tls", "tlsServerName": "%s"}}}""";
        assertDoesNotThrow(() -> http.run(json(step.formatted("abc.example.com"))));
        AssertionError error = assertThrows(AssertionError.class, () -> http.run(json(step.formatted("other.example.com"))));
        assertTrue(error.getMessage().contains("backend TLS server name (SNI) is \"abc.example.com\""), error.getMessage());
    }

    @Test
    void weightedDistributionComparesSharesPerBackend() {
        WeightedDistributionStep weighted = new WeightedDistributionStep(new GatewayClients(gateway, FAST.requestTimeout()));
        String step = """
                {"type": "weightedDistribution", "target": {"gateway": "gateway-conformance-infra/same-namespace", "port": 80},
                 "request": {"method": "GET", "host": null, "path": "/", "headers": {}},
                 "expect": {"statusCodes": [200], "namespace": "gateway-conformance-infra"},
                 "expectedWeights": %s, "totalRequests": 20, "concurrency": 4, "tolerance": 0.05, "attempts": 1}""";
        assertDoesNotThrow(() -> weighted.run(json(step.formatted("{\"infra-backend-v1\": 1.0}"))));
        AssertionError error = assertThrows(AssertionError.class,
                () -> weighted.run(json(step.formatted("{\"infra-backend-v1\": 0.5, \"infra-backend-v2\": 0.5}"))));
        assertTrue(error.getMessage().contains("backend infra-backend-v1 got 1.000 of the requests, expected 0.500"), error.getMessage());
    }

    private static void fails(String expect, String reason) {
        AssertionError error = assertThrows(AssertionError.class, () -> http.run(goodStep(expect)));
        assertTrue(error.getMessage().contains(reason), "expected a failure naming <" + reason + ">, got: " + error.getMessage());
    }

    private static String patched(String field, String valueJson) {
        ObjectNode expect = (ObjectNode) json(GOOD_EXPECT);
        expect.set(field, json(valueJson));
        return expect.toString();
    }

    private static String patchedRequest(String field, String valueJson) {
        ObjectNode expect = (ObjectNode) json(GOOD_EXPECT);
        expect.with("backendRequest").set(field, json(valueJson));
        return expect.toString();
    }

    private static JsonNode goodStep(String expect) {
        return step("/v2?x=1", "{\"host\": \"example.com:8080\", \"headers\": {\"Version\": \"one\"}}", expect,
                "{\"backendSetResponseHeaders\": {\"X-Header-Set\": \"v1\"}}");
    }

    private static JsonNode step(String path, String requestExtra, String expect, String stepExtra) {
        ObjectNode step = (ObjectNode) json("""
                {"type": "http", "target": {"gateway": "gateway-conformance-infra/same-namespace", "port": 80, "scheme": "http"},
                 "request": {"method": "GET", "host": null, "headers": {}}}""");
        ObjectNode request = step.with("request");
        request.put("path", path);
        request.setAll((ObjectNode) json(requestExtra));
        step.set("expect", json(expect));
        step.setAll((ObjectNode) json(stepExtra));
        return step;
    }

    static JsonNode json(String text) {
        try {
            return Manifests.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }
}
