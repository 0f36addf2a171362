package dev.portolan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the proxy cannot do (an ExtensionRef filter) is reported in the summary and on the overview page. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslationProblemsSummaryTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-translation");
            Files.writeString(folder.resolve("all.yaml"), """
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: GatewayClass
                    metadata: {name: portolan}
                    spec: {controllerName: portolan.dev/gateway-controller}
                    ---
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: web}
                    spec:
                      gatewayClassName: portolan
                      listeners: [{name: http, protocol: HTTP, port: 80}]
                    ---
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: custom}
                    spec:
                      parentRefs: [{name: web}]
                      rules:
                      - filters:
                        - type: ExtensionRef
                          extensionRef: {group: example.com, kind: Magic, name: sparkle}
                        backendRefs: [{name: web, port: 8080}]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec:
                      ports: [{port: 8080}]
                    """);
            return Map.of("portolan.manifests", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSummaryListsWhatTheProxyCannotDo() throws Exception {
        JsonNode summary = Manifests.JSON.readTree(client.toBlocking().retrieve(HttpRequest.GET("/api/v1/summary")));
        JsonNode problems = summary.path("translationProblems");
        assertEquals(1, problems.size(), summary.toPrettyString());
        assertEquals("HTTPRoute/default/custom", problems.at("/0/object").asText());
        assertTrue(problems.at("/0/field").asText().startsWith("spec.rules[0].filters[0]"), problems.toString());
    }

    @Test
    void theOverviewShowsIt() {
        String page = client.toBlocking().retrieve(HttpRequest.GET("/").accept(MediaType.TEXT_HTML));
        assertTrue(page.contains("Not served by the proxy"), page);
        assertTrue(page.contains("/ui/httproutes/default/custom"), "the problem links to the route");
    }
}
