package dev.portolan.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid manifest into a hostile one: wrong types, missing fields, huge values, deep nesting, invalid
 * durations and regular expressions, unknown kinds and versions, names the API server refuses, duplicate keys and
 * broken text. Pure and seeded, so a failing case can be replayed from its seed and index.
 */
final class ManifestMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> HOSTILE_NAMES = List.of("..", ".", "a/b", "x/../existing", "/tmp/x", "UPPER", "ünïcödé",
            "emoji-\uD83D\uDE00", "rtl-\u202Eevil", "new\nline", "nul\u0000byte", "tab\tname", "-leading", "trailing-",
            "a".repeat(254), "a".repeat(64), "", " ", "back\\slash", "..%2f..%2fetc", "semi;colon", "a..b",
            "CON", "name.with.dots", "x".repeat(10_000));
    private static final List<String> DURATIONS = List.of("-1s", "1y", "99999999999999h", "1.5.5s", "", "0", "1h1h",
            "PT5S", "10", "s", "1000000000000ms", "NaN", "1e9s", "\u0000");
    private static final List<String> REGEXES = List.of("(", "[a-", "(.*a){15}$", "\\", "*", "(?<name", "a{1000000}",
            "(a+)+$", "(?=x)", "\\p{Foo}", "[[:alpha:]", ")");
    private static final List<String> API_VERSIONS = List.of("gateway.networking.k8s.io/v9", "v2", "foo.example/v1", "",
            "gateway.networking.k8s.io", "/v1", "gateway.networking.k8s.io/v1/extra", "V1", "v1 ");
    private static final List<String> KINDS = List.of("Gatewy", "", "HTTPRoute2", "httproute", "Secret", "Pod",
            "CustomResourceDefinition", "List", "Namespace", "TimeoutPolicy", "\u202EGateway");
    private static final List<String> TIMEOUT_KEYS = List.of("request", "backendRequest", "timeout", "interval",
            "idle", "requestTimeout");

    private final Random random;

    ManifestMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One hostile document made from {@code seed}: one to three tree mutations, then maybe a text mutation. */
    MutatedDocument mutate(ObjectNode seed) {
        ObjectNode doc = Manifests.copy(seed);
        List<String> applied = new ArrayList<>();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            applied.add(mutateTree(doc));
        }
        boolean json = random.nextInt(10) < 3;
        String text = serialize(doc, json);
        if (random.nextInt(5) == 0) {
            int choice = random.nextInt(4);
            text = switch (choice) {
                case 0 -> duplicateKey(text, json);
                case 1 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
                case 2 -> insertAt(text, String.valueOf((char) random.nextInt(0x20)));
                default -> json ? text : aliasBomb() + text;
            };
            applied.add(List.of("duplicate key", "truncated", "control character", "alias bomb").get(choice));
        }
        return new MutatedDocument(text, json ? "application/json" : "application/yaml", String.join(", ", applied));
    }

    private String mutateTree(ObjectNode doc) {
        switch (random.nextInt(11)) {
            case 0 -> {
                Slot slot = randomSlot(doc);
                slot.set(wrongType(slot.get()));
                return "wrong type at " + slot.path;
            }
            case 1 -> {
                Slot slot = randomSlot(doc);
                slot.remove();
                return "removed " + slot.path;
            }
            case 2 -> {
                Slot slot = randomSlot(doc);
                slot.set(NODES.textNode("h".repeat(10_000 + random.nextInt(200_000))));
                return "huge string at " + slot.path;
            }
            case 3 -> {
                Slot slot = randomSlot(doc);
                slot.set(List.of(NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(-1), NODES.numberNode(1e308),
                        NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(65536)).get(random.nextInt(5)));
                return "extreme number at " + slot.path;
            }
            case 4 -> {
                Slot slot = randomSlot(doc);
                slot.set(deep(20 + random.nextInt(400)));
                return "deep nesting at " + slot.path;
            }
            case 5 -> {
                return "duration " + setDuration(doc);
            }
            case 6 -> {
                return "regex " + setRegex(doc);
            }
            case 7 -> {
                doc.put("apiVersion", pick(API_VERSIONS));
                return "apiVersion " + doc.get("apiVersion");
            }
            case 8 -> {
                doc.put("kind", pick(KINDS));
                return "kind " + doc.get("kind");
            }
            case 9 -> {
                String field = random.nextBoolean() ? "name" : "namespace";
                metadata(doc).put(field, pick(HOSTILE_NAMES));
                return "hostile metadata." + field;
            }
            default -> {
                ObjectNode labels = metadata(doc).putObject(random.nextBoolean() ? "labels" : "annotations");
                labels.put(pick(HOSTILE_NAMES), pick(HOSTILE_NAMES));
                return "hostile label or annotation";
            }
        }
    }

    private ObjectNode metadata(ObjectNode doc) {
        JsonNode metadata = doc.get("metadata");
        return metadata instanceof ObjectNode object ? object : doc.putObject("metadata");
    }

    /** Sets a timeout-like field somewhere it is read (an HTTPRoute rule or a policy's spec) to a bad duration. */
    private String setDuration(ObjectNode doc) {
        String value = pick(DURATIONS);
        JsonNode rules = doc.path("spec").path("rules");
        if (rules.isArray() && !rules.isEmpty() && rules.get(0) instanceof ObjectNode rule) {
            rule.putObject("timeouts").put(random.nextBoolean() ? "request" : "backendRequest", value);
            return "spec.rules[0].timeouts=" + value;
        }
        ObjectNode spec = doc.path("spec") instanceof ObjectNode s ? s : doc.putObject("spec");
        ObjectNode target = random.nextBoolean() ? spec : spec.putObject(random.nextBoolean() ? "default" : "override");
        target.put(pick(TIMEOUT_KEYS), value);
        return "spec...=" + value;
    }

    /** Puts an invalid or catastrophic regular expression into a path, header or query match. */
    private String setRegex(ObjectNode doc) {
        String regex = pick(REGEXES);
        ObjectNode spec = doc.path("spec") instanceof ObjectNode s ? s : doc.putObject("spec");
        JsonNode rules = spec.path("rules");
        ArrayNode ruleList = rules instanceof ArrayNode array ? array : spec.putArray("rules");
        ObjectNode rule = ruleList.isEmpty() || !(ruleList.get(0) instanceof ObjectNode first)
                ? ruleList.addObject() : first;
        ObjectNode match = rule.putArray("matches").addObject();
        switch (random.nextInt(3)) {
            case 0 -> match.putObject("path").put("type", "RegularExpression").put("value", regex);
            case 1 -> match.putArray("headers").addObject().put("type", "RegularExpression").put("name", "x")
                    .put("value", regex);
            default -> match.putArray("queryParams").addObject().put("type", "RegularExpression").put("name", "q")
                    .put("value", regex);
        }
        return regex;
    }

    private JsonNode wrongType(JsonNode current) {
        List<JsonNode> choices = new ArrayList<>(List.of(NODES.textNode("x"), NODES.numberNode(12_345_678_901L),
                NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(),
                NODES.arrayNode().add("a").add(1)));
        choices.removeIf(choice -> current != null && choice.getNodeType() == current.getNodeType());
        return pick(choices);
    }

    private JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
        }
        return node;
    }

    private String serialize(ObjectNode doc, boolean json) {
        try {
            return json ? Manifests.JSON.writeValueAsString(doc) : Manifests.YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a mutated document", e);
        }
    }

    /** Repeats the first key line (YAML) or the first member (JSON): kubectl refuses both. */
    private String duplicateKey(String text, boolean json) {
        if (json) {
            int brace = text.indexOf('{');
            return text.substring(0, brace + 1) + "\"kind\":\"Dup\"," + text.substring(brace + 1);
        }
        int end = text.indexOf('\n');
        return end < 0 ? text + "\n" + text : text.substring(0, end + 1) + text;
    }

    private String insertAt(String text, String inserted) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    /** A small billion-laughs header: aliases multiply cheaply unless the reader caps them. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("x").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A random position in the tree: an object member or an array element, with a path for the report. */
    private Slot randomSlot(ObjectNode root) {
        JsonNode container = root;
        String path = "";
        Slot slot = null;
        int depth = 1 + random.nextInt(5);
        for (int i = 0; i < depth && container != null && container.isContainerNode() && !container.isEmpty(); i++) {
            if (container instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = pick(names);
                path = path.isEmpty() ? name : path + "." + name;
                slot = new Slot(object, name, -1, path);
                container = object.get(name);
            } else if (container instanceof ArrayNode array) {
                int index = random.nextInt(array.size());
                path = path + "[" + index + "]";
                slot = new Slot(array, null, index, path);
                container = array.get(index);
            }
        }
        return slot != null ? slot : new Slot(root, "spec", -1, "spec");
    }

    private record Slot(JsonNode parent, String name, int index, String path) {
        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
