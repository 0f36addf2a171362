package dev.portolan.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns the API's links ({@code /api/v1/...}) into dashboard links ({@code /ui/...}), so every related object the
 * API names is one click away. BackendTLSPolicies have no page of their own: they are shown as policies.
 */
public final class UiLinks {
    static final String BACKEND_TLS_POLICY = "BackendTLSPolicy.gateway.networking.k8s.io";
    private static final String API = "/api/v1/";

    private UiLinks() {
    }

    /** The dashboard page for an API path; paths without a page (namespaces) go to the filtered Gateway list. */
    public static String toUi(String apiPath) {
        if (apiPath == null || !apiPath.startsWith(API)) {
            return apiPath;
        }
        String rest = apiPath.substring(API.length());
        if (rest.startsWith("backendtlspolicies/")) {
            return "/ui/policies/" + BACKEND_TLS_POLICY + "/" + rest.substring("backendtlspolicies/".length());
        }
        if (rest.startsWith("namespaces/")) {
            return "/ui/gateways?namespace=" + rest.substring("namespaces/".length());
        }
        return "/ui/" + rest;
    }

    /** Rewrites, in place, every text value under a {@code link} or {@code links} field; returns the node. */
    public static JsonNode rewrite(JsonNode node) {
        rewrite(node, false);
        return node;
    }

    private static void rewrite(JsonNode node, boolean inLinks) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean link = inLinks || field.getKey().equals("link") || field.getKey().equals("links");
                if (field.getKey().equals("object")) {
                    continue; // the stored manifest is shown as it is
                }
                if (link && field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(toUi(field.getValue().asText())));
                } else {
                    rewrite(field.getValue(), link);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (inLinks && array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(toUi(array.get(i).asText())));
                } else {
                    rewrite(array.get(i), inLinks);
                }
            }
        }
    }
}
