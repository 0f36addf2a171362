package dev.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * gwctl describe: one object, or every object of a kind in the namespace (or all with -A), with related objects,
 * directly attached, inherited and effective policies, effective timeouts and analysis.
 */
@Command(name = "describe", usageHelpAutoWidth = true,
        description = "Describe objects: spec and status, related objects, directly attached, inherited and "
                + "effective policies, effective timeouts, analysis.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    PortolanCli root;

    @Mixin
    Connection connection;

    @Mixin
    Selection selection;

    @Parameters(index = "0", paramLabel = "TYPE", description = "gatewayclasses, gateways, httproutes, backends, "
            + "policies, policycrds or namespaces")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only the object of this name")
    String name;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @Override
    public Integer call() {
        Kind kind = Kind.parse(type);
        String server = connection.server(root.env);
        ReadApi read = root.read(connection);
        Lister lister = new Lister(read);
        try {
            List<JsonNode> descriptions = new ArrayList<>();
            if (name != null && kind != Kind.POLICIES) {
                descriptions.add(describeByName(read, kind));
            } else {
                List<JsonNode> items = lister.list(kind, selection.listNamespace(), selection.selector, null);
                if (name != null) {
                    items = items.stream().filter(item -> name.equals(Json.text(item.path("metadata"), "name")))
                            .toList();
                    if (items.isEmpty()) {
                        throw new CliFailure(Exit.API_ERROR, GetCommand.notFound(kind, name, selection));
                    }
                }
                for (JsonNode item : items) {
                    descriptions.add(lister.describe(kind, item));
                }
            }
            if (descriptions.isEmpty()) {
                root.err.println(GetCommand.noneFound(kind, selection));
            }
            for (int i = 0; i < descriptions.size(); i++) {
                if (i > 0) {
                    root.out.println();
                }
                root.out.print(DescribeLayouts.describe(kind, descriptions.get(i)));
            }
            return Exit.OK;
        } catch (ApiException e) {
            throw Failures.of(e, server);
        }
    }

    private JsonNode describeByName(ReadApi read, Kind kind) throws ApiException {
        String namespace = selection.namespace;
        return Json.tree(switch (kind) {
            case GATEWAY_CLASSES -> read.describeGatewayClasses(name);
            case GATEWAYS -> read.describeGateways(namespace, name);
            case HTTP_ROUTES -> read.describeHttpRoutes(namespace, name);
            case BACKENDS -> read.describeBackends(namespace, name);
            case NAMESPACES -> read.describeNamespaces(name);
            case POLICY_CRDS -> read.describePolicyCrd(name);
            case POLICIES -> throw new IllegalStateException("policies are found by listing");
        });
    }
}
