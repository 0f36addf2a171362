package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Small helpers over the case JSON. */
final class JsonFields {
    private JsonFields() {
    }

    static ArrayNode array(int... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int value : values) {
            array.add(value);
        }
        return array;
    }

    static boolean containsInt(JsonNode array, int value) {
        for (JsonNode item : array) {
            if (item.asInt() == value) {
                return true;
            }
        }
        return false;
    }
}
