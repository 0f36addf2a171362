package dev.portolan.cli;

import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Portolan from a terminal, in gwctl's shape: get, describe, analyze and trace, each through the Java client
 * generated from openapi/portolan.yaml. Errors are one line on stderr; the exit code says what kind (see Exit).
 */
@Command(name = "portolan", usageHelpAutoWidth = true,
        description = "Ask a running Portolan about Gateway API objects, their policies and timeouts, as gwctl does.",
        subcommands = {GetCommand.class, DescribeCommand.class, AnalyzeCommand.class, TraceCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 Portolan refused or has no such object, 2 bad usage, "
                + "3 Portolan unreachable."})
public final class PortolanCli implements Callable<Integer> {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    final Map<String, String> env;
    final PrintWriter out;
    final PrintWriter err;

    private PortolanCli(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, System.getenv(), out, err);
        out.flush();
        System.exit(code);
    }

    /** Runs one command line; what it prints goes to {@code out} and {@code err}. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new PortolanCli(env, out, err));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof CliFailure known) {
                err.println("portolan: " + known.getMessage());
                return known.exitCode();
            }
            err.println("portolan: unexpected failure: " + Failures.printable(String.valueOf(failure)));
            return Exit.API_ERROR;
        });
        try {
            return line.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** No command given: the usage, as a usage error. */
    @Override
    public Integer call() {
        err.println("portolan: name a command: get, describe, analyze or trace");
        new CommandLine(this).usage(err);
        return Exit.USAGE;
    }

    ReadApi read(Connection connection) {
        return new ReadApi(connection.client(env));
    }

    DefaultApi api(Connection connection) {
        ApiClient client = connection.client(env);
        return new DefaultApi(client);
    }
}
