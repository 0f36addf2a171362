package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** GETs against the read API for tests: JSON bodies, problems, item names across pages. */
final class ReadClient {
    private final HttpClient client;

    ReadClient(HttpClient client) {
        this.client = client;
    }

    String raw(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path));
    }

    JsonNode get(String path) {
        try {
            return Manifests.JSON.readTree(raw(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).accept("application/yaml"));
    }

    JsonNode problem(String path, int status) {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET(path), String.class));
        assertEquals(status, error.getStatus().getCode(), path);
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        try {
            JsonNode body = Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
            assertFalse(body.toString().contains("at dev.portolan"), body.toString());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code namespace/name} (or name) of each item of a list. */
    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            JsonNode metadata = item.path("metadata");
            names.add(metadata.has("namespace") ? metadata.path("namespace").asText() + "/"
                    + metadata.path("name").asText() : metadata.path("name").asText());
        }
        return names;
    }

    /** Copies the YAML files of a folder into another. */
    static void copyYaml(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
