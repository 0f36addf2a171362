package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's Python example (python-example/readme_example.py) with the Python client generated at build time,
 * against a running Portolan on the demo. Runs where python3 has what the client needs (pydantic 2, urllib3 2,
 * python-dateutil, typing-extensions); skipped, saying why, where it does not.
 */
class PythonExampleTest {
    /** What the generated client imports; pydantic 1 (Debian 12's python3-pydantic) cannot run it. */
    private static final String REQUIREMENTS = "import pydantic, urllib3, dateutil, typing_extensions; "
            + "assert int(pydantic.VERSION.split('.')[0]) >= 2, 'pydantic ' + pydantic.VERSION; "
            + "assert int(urllib3.__version__.split('.')[0]) >= 2, 'urllib3 ' + urllib3.__version__";

    private record Run(int exitCode, String output) {
    }

    private static Run python(List<String> arguments, String pythonPath, String url) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        if (pythonPath != null) {
            builder.environment().put("PYTHONPATH", pythonPath);
        }
        if (url != null) {
            builder.environment().put("PORTOLAN_URL", url);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), arguments + " did not finish");
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void theReadmesPythonExampleReadsTypedTimeouts() throws Exception {
        Path client = Path.of(System.getProperty("portolan.pythonClient", "target/generated-sources/python-client"));
        Path example = Path.of(System.getProperty("portolan.pythonExample", "python-example/readme_example.py"));
        assertTrue(Files.isDirectory(client.resolve("portolan_client")), client + ": the build generates it");
        Run requirements;
        try {
            requirements = python(List.of("python3", "-c", REQUIREMENTS), null, null);
        } catch (IOException e) {
            requirements = new Run(-1, "no python3: " + e.getMessage());
        }
        assumeTrue(requirements.exitCode() == 0, "python3 cannot run the generated client: " + requirements.output());
        try (RunningPortolan portolan = RunningPortolan.start("")) {
            Run run = python(List.of("python3", example.toString()), client.toString(), portolan.baseUri());
            assertEquals(0, run.exitCode(), run.output());
            List<String> lines = run.output().lines().toList();
            assertEquals("2s", lines.get(0), run.output());
            assertEquals("10s", lines.get(1), run.output());
            assertTrue(lines.get(2).matches("\\d+ True"), run.output());
        }
    }
}
