import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Build step (exec-maven-plugin, backend's process-classes phase, java source launcher): adds to every operation of
 * the generated OpenAPI document the answers the access filter and the error handler give on any path, so that no
 * controller repeats them and none can forget one: 421 (a Host the server does not answer for), 429 (the client's
 * address offered too many unknown tokens; {@code Retry-After}) and 500. An operation that documents one of them
 * itself keeps its own.
 *
 * <p>Usage: {@code java SharedResponses.java <document .yml>} (rewritten in place; running it twice changes nothing).
 */
public final class SharedResponses {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM = "#/components/schemas/Problem";

    /** Status code to description, in the order they are added. */
    private static final Map<String, String> SHARED = new LinkedHashMap<>();

    static {
        SHARED.put("421", "The Host header names no name this server answers for (portolan.api.allowed-hosts)");
        SHARED.put("429", "The client's address offered too many unknown tokens; no token from it is checked "
                + "until Retry-After seconds have passed");
        SHARED.put("500", "Portolan could not answer; the server log has the details");
    }

    private SharedResponses() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SharedResponses <document .yml>");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        Path document = Path.of(args[0]);
        JsonNode root = yaml.readTree(document.toFile());
        int added = 0;
        for (Iterator<JsonNode> paths = root.path("paths").elements(); paths.hasNext(); ) {
            JsonNode path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                ObjectNode responses = ((ObjectNode) operation.getValue()).with("responses");
                for (Map.Entry<String, String> shared : SHARED.entrySet()) {
                    if (!responses.has(shared.getKey())) {
                        responses.set(shared.getKey(), problem(yaml, shared.getKey(), shared.getValue()));
                        added++;
                    }
                }
            }
        }
        if (added > 0) {
            yaml.writeValue(document.toFile(), root);
        }
    }

    private static ObjectNode problem(ObjectMapper yaml, String status, String description) {
        ObjectNode response = yaml.createObjectNode().put("description", description);
        if (status.equals("429")) {
            response.with("headers").with("Retry-After").put("description", "Seconds to wait")
                    .with("schema").put("type", "integer");
        }
        response.with("content").with("application/problem+json").with("schema").put("$ref", PROBLEM);
        return response;
    }
}
