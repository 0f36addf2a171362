package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * v1 only grows: portolan.yaml must stay compatible with the checked-in baseline (openapi/baseline/portolan-v1.yaml)
 * for clients generated from it. An intended break is a new major version: copy portolan.yaml over the baseline in
 * the same change, bump info.version's major, and say so in the release notes.
 */
class BreakingChangeTest {
    private static final String HINT = "A client generated from the v1 baseline would break. Make the change additive"
            + " (new optional fields, new operations), or, for an intended break, copy openapi/portolan.yaml to"
            + " openapi/baseline/portolan-v1.yaml (and rename it for the new major version) in the same change.";

    @Test
    void theDocumentIsCompatibleWithTheV1Baseline() throws IOException {
        ChangedOpenApi diff = OpenApiCompare.fromContents(read("openapi.baseline", "baseline/portolan-v1.yaml"),
                read("openapi.checkedIn", "portolan.yaml"));
        if (diff.isIncompatible()) {
            fail(HINT + "\n" + render(diff));
        }
    }

    @Test
    void removingAFieldOrAnOperationIsCaught() throws IOException {
        String current = read("openapi.checkedIn", "portolan.yaml");
        String withoutContinue = current.replaceFirst("\n        continue:[^\n]*\n", "\n");
        assertTrue(withoutContinue.length() < current.length(), "ListMeta.continue not found in portolan.yaml");
        assertTrue(OpenApiCompare.fromContents(current, withoutContinue).isIncompatible(),
                "dropping metadata.continue from the list pages was not seen as a break");
        String withoutSummary = current.replace("  /api/v1/summary:\n", "  /api/v1/summary-renamed:\n");
        assertTrue(OpenApiCompare.fromContents(current, withoutSummary).isIncompatible(),
                "removing GET /api/v1/summary was not seen as a break");
    }

    private static String render(ChangedOpenApi diff) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStreamWriter writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                new MarkdownRender().render(diff, writer);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "(the difference could not be rendered: " + e + ")";
        }
    }

    private static String read(String property, String fallback) throws IOException {
        return Files.readString(Path.of(System.getProperty(property, fallback)), StandardCharsets.UTF_8);
    }
}
