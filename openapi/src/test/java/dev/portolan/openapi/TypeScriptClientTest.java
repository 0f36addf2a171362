package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client (typescript-fetch, generated from portolan.yaml at build time) against a running Portolan
 * on the demo: node --test runs ts-client-test/client.test.ts, bundled by esbuild in process-test-classes, with the
 * node that frontend-maven-plugin installs for this module.
 */
class TypeScriptClientTest {
    @Test
    void theGeneratedTypeScriptClientReadsTracesAndGetsProblems() throws Exception {
        Path node = Path.of(System.getProperty("portolan.node", "node/node"));
        Path bundle = Path.of(System.getProperty("portolan.tsTest", "target/ts-client-test/client.test.mjs"));
        assertTrue(Files.isExecutable(node), node + " is missing: frontend-maven-plugin installs it in initialize");
        assertTrue(Files.exists(bundle), bundle + " is missing: npm run build bundles it in process-test-classes");
        try (RunningPortolan portolan = RunningPortolan.start("")) {
            ProcessBuilder run = new ProcessBuilder(node.toString(), "--test", bundle.toString())
                    .redirectErrorStream(true);
            run.environment().put("PORTOLAN_URL", portolan.baseUri());
            run.environment().put("PORTOLAN_TOKEN", RunningPortolan.TOKEN);
            Process process = run.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node --test did not finish");
            String text = new String(output, StandardCharsets.UTF_8);
            System.out.println(text);
            assertEquals(0, process.exitValue(), text);
            assertTrue(text.contains("# pass 4"), text);
        } catch (IOException e) {
            throw new AssertionError("could not run " + node, e);
        }
    }
}
