package dev.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Every item of a list, all pages, through the generated ReadApi. */
final class Lister {
    private static final int PAGE = 500;
    /** A server that keeps handing out continue tokens is not followed for ever. */
    private static final int MAX_PAGES = 200;

    private final ReadApi read;

    Lister(ReadApi read) {
        this.read = read;
    }

    /**
     * {@code namespace} null: all namespaces. Policies of cluster-scoped kinds belong to every namespace's list,
     * as kubectl shows cluster-scoped objects whatever -n says.
     */
    List<JsonNode> list(Kind kind, String namespace, String selector, String related) throws ApiException {
        if (kind == Kind.POLICIES && namespace != null) {
            return pages(kind, null, selector, related).stream().filter(item -> {
                String itemNamespace = Json.text(item.path("metadata"), "namespace");
                return itemNamespace.isEmpty() || itemNamespace.equals(namespace);
            }).toList();
        }
        return pages(kind, namespace, selector, related);
    }

    private List<JsonNode> pages(Kind kind, String namespace, String selector, String related) throws ApiException {
        List<JsonNode> items = new ArrayList<>();
        String next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = Json.tree(page(kind, kind.namespaced ? namespace : null, selector, related, next));
            answer.path("items").forEach(items::add);
            next = Json.text(answer.path("metadata"), "continue");
            if (next.isEmpty()) {
                return items;
            }
        }
        throw new CliFailure(Exit.API_ERROR, "Portolan's " + kind.plural + " list did not end after " + MAX_PAGES
                + " pages of " + PAGE);
    }

    private Object page(Kind kind, String namespace, String selector, String related, String next)
            throws ApiException {
        return switch (kind) {
            case GATEWAY_CLASSES -> read.listGatewayClasses(null, selector, related, PAGE, next);
            case GATEWAYS -> read.listGateways(namespace, selector, related, PAGE, next);
            case HTTP_ROUTES -> read.listHttpRoutes(namespace, selector, related, PAGE, next);
            case BACKENDS -> read.listBackends(namespace, selector, related, PAGE, next);
            case POLICIES -> read.listPolicies(namespace, selector, related, PAGE, next);
            case POLICY_CRDS -> read.listPolicyCrds(null, selector, related, PAGE, next);
            case NAMESPACES -> read.listNamespaces(null, selector, related, PAGE, next);
        };
    }

    /** The description of one listed item (its API describe). */
    JsonNode describe(Kind kind, JsonNode item) throws ApiException {
        JsonNode metadata = item.path("metadata");
        String name = Json.text(metadata, "name");
        String namespace = Json.text(metadata, "namespace");
        return Json.tree(switch (kind) {
            case GATEWAY_CLASSES -> read.describeGatewayClasses(name);
            case GATEWAYS -> read.describeGateways(namespace, name);
            case HTTP_ROUTES -> read.describeHttpRoutes(namespace, name);
            case BACKENDS -> read.describeBackends(namespace, name);
            case NAMESPACES -> read.describeNamespaces(name);
            case POLICY_CRDS -> read.describePolicyCrd(name);
            case POLICIES -> namespace.isEmpty()
                    ? read.describeClusterPolicy(Json.text(item, "policyKind"), name)
                    : read.describePolicy(Json.text(item, "policyKind"), namespace, name);
        });
    }
}
