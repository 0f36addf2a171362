package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portolan.proxy.config.FilterConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * FilterConfig is written by hand in backend/src/main/openapi/proxy-filters.yml (micronaut-openapi cannot document
 * the proxy's sealed, Jackson-typed interface): it must say exactly what the proxy's records are.
 */
class FilterConfigSchemaTest {
    private static final String REF = "#/components/schemas/";

    @Test
    void everyFilterRecordIsDocumentedWithItsMembers() throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml")).toFile())
                .path("components").path("schemas");
        JsonNode mapping = schemas.path("FilterConfig").path("discriminator").path("mapping");
        Map<String, Class<?>> records = new TreeMap<>();
        for (JsonSubTypes.Type type : FilterConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            records.put(type.name(), type.value());
        }
        TreeSet<String> documented = new TreeSet<>();
        mapping.fieldNames().forEachRemaining(documented::add);
        assertEquals(records.keySet(), documented, "filter types: proxy records vs FilterConfig's mapping");
        assertEquals(records.size(), schemas.path("FilterConfig").path("oneOf").size());
        records.forEach((name, record) -> {
            JsonNode schema = schemas.path(mapping.path(name).asText().substring(REF.length()));
            TreeSet<String> members = new TreeSet<>();
            members.add("type");
            TreeSet<String> required = new TreeSet<>();
            required.add("type");
            for (RecordComponent component : record.getRecordComponents()) {
                members.add(component.getName());
                if (component.getType().isPrimitive()) {
                    required.add(component.getName()); // the codec omits only nulls
                }
            }
            TreeSet<String> properties = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            assertEquals(members, properties, name + ": record components vs schema properties");
            assertEquals(name, schema.path("properties").path("type").path("enum").path(0).asText(), name);
            TreeSet<String> requiredInSchema = new TreeSet<>();
            schema.path("required").forEach(r -> requiredInSchema.add(r.asText()));
            assertTrue(requiredInSchema.containsAll(required), name + " must require " + required);
        });
    }
}
