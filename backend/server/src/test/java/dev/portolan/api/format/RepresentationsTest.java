package dev.portolan.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentationsTest {
    private static final List<String> OFFERED = List.of("application/json", "application/yaml", "text/vnd.graphviz");

    private static HttpRequest<?> accepting(String accept) {
        return HttpRequest.GET("/").header("Accept", accept);
    }

    @Test
    void aGeneratedClientListingEveryTypeOfTheSpecGetsTheFirst() {
        assertFalse(Representations.wantsYaml(accepting("application/json, application/yaml")));
        assertEquals("application/json",
                Representations.preferred(accepting("application/json, application/yaml, text/vnd.graphviz"), OFFERED));
    }

    @Test
    void yamlWhenItIsFirstOrPreferredByQuality() {
        assertTrue(Representations.wantsYaml(accepting("application/yaml")));
        assertTrue(Representations.wantsYaml(accepting("text/yaml, application/json")));
        assertTrue(Representations.wantsYaml(accepting("application/json;q=0.5, application/yaml")));
    }

    @Test
    void wildcardsAndUnknownTypesGetTheDefault() {
        assertEquals("application/json", Representations.preferred(accepting("*/*"), OFFERED));
        assertEquals("application/json", Representations.preferred(accepting("text/html"), OFFERED));
        assertEquals("application/json", Representations.preferred(HttpRequest.GET("/"), OFFERED));
        assertEquals("text/vnd.graphviz", Representations.preferred(accepting("text/*, application/json;q=0.1"),
                OFFERED));
        assertFalse(Representations.wantsYaml(accepting("text/html,application/xhtml+xml,*/*;q=0.8")));
    }
}
