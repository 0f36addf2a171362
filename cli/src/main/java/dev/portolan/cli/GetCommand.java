package dev.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.client.invoker.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gwctl get: one kind as a table (or wide, or the objects as YAML or JSON), optionally one object by name. */
@Command(name = "get", usageHelpAutoWidth = true, mixinStandardHelpOptions = false,
        description = "List objects of one kind: gatewayclasses, gateways, httproutes, backends, policies, "
                + "policycrds or namespaces.")
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    PortolanCli root;

    @Mixin
    Connection connection;

    @Mixin
    Selection selection;

    @Parameters(index = "0", paramLabel = "TYPE", description = "gatewayclasses, gateways, httproutes, backends, "
            + "policies, policycrds or namespaces (singular and short names work too)")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only the object of this name")
    String name;

    @Option(names = "--for", paramLabel = "KIND[/NAMESPACE]/NAME",
            description = "Only what relates to that object, e.g. policies affecting a route: "
                    + "get policies --for httproute/default/my-route")
    String related;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, wide, yaml or json (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @Override
    public Integer call() {
        Kind kind = Kind.parse(type);
        String format = output.toLowerCase(Locale.ROOT);
        if (!List.of("table", "wide", "yaml", "json").contains(format)) {
            throw new CliFailure(Exit.USAGE, "-o must be table, wide, yaml or json, not \""
                    + Failures.printable(output) + "\"");
        }
        String server = connection.server(root.env);
        Lister lister = new Lister(root.read(connection));
        try {
            String relatedTo = Related.normalize(related, selection.namespace);
            // the --for object pins the scope: policies from other namespaces and cluster-scoped ones count too
            String namespace = relatedTo != null && !selection.namespaceGiven() ? null : selection.listNamespace();
            List<JsonNode> items = lister.list(kind, namespace, selection.selector, relatedTo);
            if (name != null) {
                items = items.stream().filter(item -> name.equals(Json.text(item.path("metadata"), "name"))).toList();
                if (items.isEmpty()) {
                    throw new CliFailure(Exit.API_ERROR, notFound(kind, name, selection));
                }
            }
            switch (format) {
                case "yaml" -> root.out.print(Json.yaml(objects(kind, items, lister)));
                case "json" -> root.out.print(Json.json(objects(kind, items, lister)));
                default -> {
                    if (items.isEmpty()) {
                        root.err.println(noneFound(kind, selection));
                    } else {
                        boolean namespaceColumn = kind == Kind.POLICIES
                                || (kind.namespaced && selection.allNamespaces);
                        root.out.print(GetTables.table(kind, items, format.equals("wide"), namespaceColumn).render());
                    }
                }
            }
            return Exit.OK;
        } catch (ApiException e) {
            throw Failures.of(e, server);
        }
    }

    /** The stored objects, as kubectl get -o yaml shows them: one object by name, else a List. */
    private JsonNode objects(Kind kind, List<JsonNode> items, Lister lister) throws ApiException {
        ArrayNode objects = Json.MAPPER.createArrayNode();
        for (JsonNode item : items) {
            JsonNode description = lister.describe(kind, item);
            JsonNode object = description.path("object");
            objects.add(Json.withoutEmptyMembers(Json.isEmpty(object) ? description : object));
        }
        if (name != null && objects.size() == 1) {
            return objects.get(0);
        }
        ObjectNode list = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        list.set("items", objects);
        return list;
    }

    static String notFound(Kind kind, String name, Selection selection) {
        return kind.plural + " \"" + Failures.printable(name) + "\" not found"
                + (kind.namespaced && !selection.allNamespaces ? " in namespace " + selection.namespace : "");
    }

    static String noneFound(Kind kind, Selection selection) {
        return "No " + kind.plural + " found" + (kind.namespaced && !selection.allNamespaces
                ? " in namespace " + selection.namespace : "") + ".";
    }
}
