package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portolan.proxy.config.FilterConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * FilterConfig is written by hand in backend/server/src/main/openapi/proxy-filters.yml (micronaut-openapi cannot document
 * the proxy's sealed, Jackson-typed interface): it must name exactly the proxy's filter records and their members.
 */
class FilterConfigSchemaTest {
    @Test
    void everyFilterRecordAndMemberIsDocumented() throws IOException {
        JsonNode schema = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml")).toFile())
                .path("components").path("schemas").path("FilterConfig");
        Set<String> types = new TreeSet<>();
        Set<String> members = new TreeSet<>(Set.of("type"));
        for (JsonSubTypes.Type type : FilterConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            types.add(type.name());
            for (RecordComponent component : type.value().getRecordComponents()) {
                members.add(component.getName());
            }
        }
        Set<String> documentedTypes = new TreeSet<>();
        schema.path("properties").path("type").path("enum").forEach(t -> documentedTypes.add(t.asText()));
        assertEquals(types, documentedTypes, "filter types: proxy records (@JsonSubTypes) vs FilterConfig.type");
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(members, properties, "record components vs FilterConfig's properties");
    }
}
