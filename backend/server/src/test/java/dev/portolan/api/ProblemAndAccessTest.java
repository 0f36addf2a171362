package dev.portolan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.api.access.ApiTokens;
import dev.portolan.model.Manifests;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Errors are RFC 9457 problem+json; writes need the bearer token; reads from loopback are open. */
@MicronautTest
@Property(name = "portolan.api.write-token", value = "s3cret-for-tests")
class ProblemAndAccessTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApiTokens tokens;

    private JsonNode problem(MutableHttpRequest<?> request, int expectedStatus) throws Exception {
        HttpClientResponseException error = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> client.toBlocking().exchange(request, String.class));
        assertEquals(expectedStatus, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        JsonNode body = Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
        assertEquals(expectedStatus, body.path("status").asInt());
        assertFalse(body.toString().contains("at dev.portolan"), "no stack trace: " + body);
        return body;
    }

    @Test
    void anUnknownPathIsAProblem() throws Exception {
        JsonNode body = problem(HttpRequest.GET("/api/v1/no-such-thing"), 404);
        assertEquals("/api/v1/no-such-thing", body.path("instance").asText());
        assertEquals("Not Found", body.path("title").asText());
    }

    @Test
    void aWriteWithoutTheTokenIsUnauthorizedAndNamesTheHeader() throws Exception {
        JsonNode body = problem(HttpRequest.POST("/api/v1/apply", "kind: Namespace"), 401);
        assertEquals("Authorization", body.path("field").asText());
        assertTrue(body.path("detail").asText().contains("Bearer"), body.toString());
    }

    @Test
    void aWrongTokenIsUnauthorizedToo() throws Exception {
        problem(HttpRequest.DELETE("/api/v1/namespaces/x").bearerAuth("wrong"), 401);
    }

    @Test
    void aBadParameterIsABadRequestNamingIt() throws Exception {
        JsonNode body = problem(HttpRequest.GET("/proxy/v1/config?wait=forever").bearerAuth("s3cret-for-tests"), 400);
        assertTrue(body.path("detail").asText().contains("wait"), body.toString());
    }

    @Test
    void theConfiguredTokenIsTheOneChecked() {
        assertEquals("write-token", tokens.authenticate("s3cret-for-tests").orElseThrow().name());
        assertTrue(tokens.authenticate("s3cret-for-test").isEmpty());
        assertTrue(tokens.authenticate("Bearer s3cret-for-tests").isEmpty());
    }
}
