package dev.portolan.cli;

import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.invoker.ApiException;
import dev.portolan.client.model.Analysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** gwctl analyze -f FILE: what applying the file would change and which issues it introduces, fixes or leaves. */
@Command(name = "analyze", usageHelpAutoWidth = true,
        description = "Dry run: what applying FILE would change, and the issues it would introduce, fix or leave. "
                + "Nothing is written. Needs an editor token (--token or PORTOLAN_TOKEN).")
final class AnalyzeCommand implements Callable<Integer> {
    /** The API refuses bodies over 3 MiB; reading stops just past that. */
    static final int MAX_BYTES = 3 * 1024 * 1024;

    @ParentCommand
    PortolanCli root;

    @Mixin
    Connection connection;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "YAML or JSON manifests; - reads standard input")
    String file;

    @Option(names = "--delete", description = "Analyze deleting the objects FILE names instead")
    boolean delete;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help")
    boolean help;

    /** Tests stand in for standard input here; null: System.in. */
    static volatile InputStream stdinForTests;

    @Override
    public Integer call() {
        String body = read();
        String server = connection.server(root.env);
        DefaultApi api = root.api(connection);
        try {
            Analysis analysis = api.analyze(body, delete ? Boolean.TRUE : null);
            root.out.print(AnalysisText.render(file.equals("-") ? "-" : file, Json.tree(analysis)));
            return Exit.OK;
        } catch (ApiException e) {
            throw Failures.of(e, server);
        }
    }

    private String read() {
        try (InputStream in = file.equals("-") ? (stdinForTests != null ? stdinForTests : System.in) : Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliFailure(Exit.USAGE, file + ": over 3 MiB, more than Portolan reads in one request");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(Exit.USAGE, file + ": no such file");
        } catch (IOException e) {
            throw new CliFailure(Exit.USAGE, file + ": cannot read: " + Failures.printable(String.valueOf(e.getMessage())));
        }
    }
}
