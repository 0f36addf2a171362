package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The repository's ./portolan script: an unknown command is named, and the usage lists the CLI's commands. */
class ScriptDispatchTest {
    private static String[] run(String... args) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("portolan.script", "../portolan"));
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(process.waitFor()), out, err};
    }

    @Test
    void anUnknownCommandIsNamedAndExitsWithTwo() throws Exception {
        String[] result = run("bogus");
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith("portolan: unknown command 'bogus'\n"), result[2]);
    }

    @Test
    void theUsageListsTheCommandLine() throws Exception {
        String[] result = run("help");
        assertEquals("0", result[0]);
        assertTrue(result[1].contains("get|describe|analyze|trace"), result[1]);
    }
}
