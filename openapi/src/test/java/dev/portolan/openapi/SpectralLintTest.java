package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints the document with Spectral (npm @stoplight/spectral-cli, installed by the build's npm ci) and the rule set
 * .spectral.yaml: Spectral's OpenAPI rules plus no-untyped-object. An error fails the build.
 */
class SpectralLintTest {
    private static final Path NODE = Path.of(System.getProperty("portolan.node", "node/node"));
    private static final Path SPECTRAL = Path.of("node_modules/@stoplight/spectral-cli/dist/index.js");

    private record Lint(int exitCode, String output) {
    }

    private static Lint lint(String document) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(NODE.toString(), SPECTRAL.toString(), "lint", "--ruleset",
                ".spectral.yaml", "--fail-severity", "error", "--format", "text", document)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "spectral did not finish");
        return new Lint(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentHasNoLintErrors() throws Exception {
        Lint lint = lint(System.getProperty("openapi.checkedIn", "portolan.yaml"));
        assertEquals(0, lint.exitCode(), lint.output());
    }

    @Test
    void anUntypedObjectIsAnError() throws Exception {
        Lint lint = lint("src/test/resources/spectral/untyped-object.yaml");
        assertEquals(1, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("no-untyped-object"), lint.output());
        assertTrue(lint.output().contains("untyped-object.yaml:22:"), "Thing.spec (line 22): " + lint.output());
    }
}
