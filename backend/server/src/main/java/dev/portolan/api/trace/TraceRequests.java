package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.api.problem.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a {@link TraceRequest} from a JSON body or from query parameters; 400 naming the field when it is bad. */
public final class TraceRequests {
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private TraceRequests() {
    }

    /** {@code {gateway, address, port, scheme, host, method, path, headers: {name: value | [values]}}}. */
    public static TraceRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, null, "the body must be a JSON object such as "
                    + "{\"gateway\": \"default/web\", \"host\": \"example.com\", \"path\": \"/\"}");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode given = body.path("headers");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                throw ApiException.badRequest(null, "headers", "must be an object of name: value or name: [values]");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> values = new ArrayList<>();
                if (field.getValue().isArray()) {
                    field.getValue().forEach(v -> values.add(text(v, "headers." + field.getKey())));
                } else {
                    values.add(text(field.getValue(), "headers." + field.getKey()));
                }
                headers.put(field.getKey(), values);
            }
        }
        Integer port = null;
        JsonNode portNode = body.path("port");
        if (!portNode.isMissingNode() && !portNode.isNull()) {
            port = portNode.canConvertToInt() && portNode.isIntegralNumber() ? portNode.asInt()
                    : parsePort(portNode.asText());
        }
        return of(optional(body, "gateway"), optional(body, "address"), port, optional(body, "scheme"),
                optional(body, "host"), optional(body, "method"), optional(body, "path"), headers);
    }

    /** The GET form: {@code header=Name:Value} may repeat. */
    public static TraceRequest fromQuery(String gateway, String address, String port, String scheme, String host,
                                         String method, String path, List<String> headerParams) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header : headerParams == null ? List.<String>of() : headerParams) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw ApiException.badRequest(null, "header", "\"" + header + "\" is not Name:Value");
            }
            headers.computeIfAbsent(header.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).strip());
        }
        return of(gateway, address, port == null || port.isEmpty() ? null : parsePort(port), scheme, host, method,
                path, headers);
    }

    static TraceRequest of(String gateway, String address, Integer port, String scheme, String host, String method,
                           String path, Map<String, List<String>> headers) {
        if (empty(gateway) && empty(address)) {
            throw ApiException.badRequest(null, "gateway", "name the Gateway as namespace/name (or give address)");
        }
        if (!empty(gateway) && !gateway.contains("/")) {
            gateway = "default/" + gateway;
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw ApiException.badRequest(null, "port", port + " is not a port (1-65535)");
        }
        String normalizedScheme = empty(scheme) ? null : scheme.toLowerCase(Locale.ROOT);
        if (normalizedScheme != null && !normalizedScheme.equals("http") && !normalizedScheme.equals("https")) {
            throw ApiException.badRequest(null, "scheme", "\"" + scheme + "\" is not http or https");
        }
        String normalizedMethod = empty(method) ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(normalizedMethod).matches()) {
            throw ApiException.badRequest(null, "method", "\"" + method + "\" is not an HTTP method");
        }
        if (empty(path)) {
            throw ApiException.badRequest(null, "path", "is required, e.g. /timeout?debug=1");
        }
        if (!path.startsWith("/")) {
            throw ApiException.badRequest(null, "path", "\"" + path + "\" must start with '/'");
        }
        return new TraceRequest(empty(gateway) ? null : gateway, empty(address) ? null : address, port,
                normalizedScheme, host == null ? "" : host, normalizedMethod, path, headers);
    }

    private static Integer parsePort(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(null, "port", "\"" + text + "\" is not a port number");
        }
    }

    private static String optional(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return node.isMissingNode() || node.isNull() ? null : text(node, field);
    }

    private static String text(JsonNode node, String field) {
        if (!node.isValueNode()) {
            throw ApiException.badRequest(null, field, "must be a string");
        }
        return node.asText();
    }

    private static boolean empty(String text) {
        return text == null || text.isBlank();
    }
}
