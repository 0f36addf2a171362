package dev.portolan.cli;

import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.invoker.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The API's tracer: which listener, route rule, filters, backends and timeouts a request would get. */
@Command(name = "trace", usageHelpAutoWidth = true,
        description = "Trace a request through the proxy config Portolan serves: listener, matched route rule (or "
                + "why none), filters, backends with weights, effective timeouts, backend TLS.")
final class TraceCommand implements Callable<Integer> {
    @ParentCommand
    PortolanCli root;

    @Mixin
    Connection connection;

    @Option(names = {"-g", "--gateway"}, paramLabel = "NAMESPACE/NAME", description = "The Gateway")
    String gateway;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "A Gateway address, instead of --gateway")
    String address;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Listener port as in the Gateway spec; optional when the Gateway has one port")
    Integer port;

    @Option(names = "--scheme", paramLabel = "SCHEME", description = "http or https (default: the listener's)")
    String scheme;

    @Option(names = "--host", paramLabel = "HOST", description = "Host header")
    String host;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET",
            description = "HTTP method (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME:VALUE", description = "A request header; repeat for more")
    List<String> headers = new ArrayList<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Path with optional query (default: ${DEFAULT-VALUE})")
    String path;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, yaml or json (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    @Override
    public Integer call() {
        if ((gateway == null) == (address == null)) {
            throw new CliFailure(Exit.USAGE, "name the Gateway with --gateway NAMESPACE/NAME or --address ADDRESS");
        }
        String format = output.toLowerCase(Locale.ROOT);
        if (!List.of("text", "yaml", "json").contains(format)) {
            throw new CliFailure(Exit.USAGE, "-o must be text, yaml or json, not \"" + Failures.printable(output) + "\"");
        }
        if (scheme != null && !List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new CliFailure(Exit.USAGE, "--scheme must be http or https");
        }
        List<String> headerParameters = headers();
        String server = connection.server(root.env);
        DefaultApi api = root.api(connection);
        try {
            // GET, not POST: the generated TraceRequest model lost the address member to a name clash
            var trace = Json.tree(api.traceGet(gateway, address, port == null ? null : String.valueOf(port),
                    scheme == null ? null : scheme.toLowerCase(Locale.ROOT), host, method.toUpperCase(Locale.ROOT),
                    path, headerParameters));
            root.out.print(switch (format) {
                case "yaml" -> Json.yaml(trace);
                case "json" -> Json.json(trace);
                default -> TraceText.render(trace);
            });
            return Exit.OK;
        } catch (ApiException e) {
            throw Failures.of(e, server);
        }
    }

    /** Each -H as the API's header parameter, NAME:VALUE. */
    private List<String> headers() {
        List<String> checked = new ArrayList<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new CliFailure(Exit.USAGE, "-H takes NAME:VALUE, not \"" + Failures.printable(header) + "\"");
            }
            checked.add(header.substring(0, colon).strip() + ":" + header.substring(colon + 1).strip());
        }
        return checked.isEmpty() ? null : checked;
    }
}
