package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small RFC 6902 JSON Patch (add, remove, replace) for the conformance cases' {@code patch} steps. */
public final class JsonPatch {
    private JsonPatch() {
    }

    /** Applies the operations to {@code target} in place. */
    public static void apply(ObjectNode target, JsonNode operations) {
        for (JsonNode op : operations) {
            String path = op.path("path").asText();
            String kind = op.path("op").asText();
            int slash = path.lastIndexOf('/');
            JsonNode parent = resolve(target, path.substring(0, slash), path);
            String last = unescape(path.substring(slash + 1));
            switch (kind) {
                case "add" -> add(parent, last, op.get("value").deepCopy(), path);
                case "replace" -> {
                    remove(parent, last, path);
                    add(parent, last, op.get("value").deepCopy(), path);
                }
                case "remove" -> remove(parent, last, path);
                default -> throw new IllegalArgumentException("JSON Patch op " + kind + " is not supported (path " + path + ")");
            }
        }
    }

    private static JsonNode resolve(JsonNode root, String pointer, String fullPath) {
        JsonNode node = root;
        if (pointer.isEmpty()) {
            return node;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = unescape(token);
            node = node.isArray() ? node.get(Integer.parseInt(name)) : node.get(name);
            if (node == null) {
                throw new IllegalArgumentException("JSON Patch path " + fullPath + ": " + pointer + " does not exist");
            }
        }
        return node;
    }

    private static void add(JsonNode parent, String name, JsonNode value, String path) {
        if (parent instanceof ObjectNode object) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array) {
            if (name.equals("-")) {
                array.add(value);
            } else {
                array.insert(Integer.parseInt(name), value);
            }
        } else {
            throw new IllegalArgumentException("JSON Patch path " + path + ": parent is not a container");
        }
    }

    private static void remove(JsonNode parent, String name, String path) {
        if (parent instanceof ObjectNode object && object.has(name)) {
            object.remove(name);
        } else if (parent instanceof ArrayNode array && !name.equals("-")) {
            array.remove(Integer.parseInt(name));
        } else {
            throw new IllegalArgumentException("JSON Patch path " + path + " does not exist");
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
