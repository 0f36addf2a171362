package dev.portolan.cli;

import static dev.portolan.cli.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** gwctl analyze's report: the changes, then issues introduced, fixed and unchanged. Pure. */
final class AnalysisText {
    private static final Map<String, String> VERBS = Map.of("create", "Created", "update", "Updated",
            "unchanged", "Unchanged", "delete", "Deleted");

    private AnalysisText() {
    }

    static String render(String source, JsonNode analysis) {
        StringBuilder out = new StringBuilder("Analyzing ").append(Failures.printable(source)).append("...\n\n");
        out.append("Summary:\n\n");
        if (analysis.path("changes").isEmpty()) {
            out.append("  None\n");
        }
        for (JsonNode change : analysis.path("changes")) {
            String namespace = text(change, "namespace");
            out.append("  - ").append(VERBS.getOrDefault(text(change, "action"), text(change, "action")))
                    .append(' ').append(Failures.printable(text(change, "kind") + "/" + text(change, "name")))
                    .append(namespace.isEmpty() ? "" : " in namespace " + Failures.printable(namespace)).append('\n');
        }
        issues(out, "Potential Issues Introduced",
                "These issues will arise after applying the changes in the analyzed file.",
                analysis.path("issuesIntroduced"));
        issues(out, "Existing Issues Fixed",
                "These issues were present before the changes but will be resolved after applying them.",
                analysis.path("issuesFixed"));
        issues(out, "Existing Issues Unchanged",
                "These issues were present before the changes and will remain even after applying them.",
                analysis.path("issuesUnchanged"));
        return out.toString();
    }

    private static void issues(StringBuilder out, String title, String meaning, JsonNode issues) {
        out.append('\n').append(title).append("\n(").append(meaning).append("):\n\n");
        if (issues.isEmpty()) {
            out.append("  None\n");
        }
        for (JsonNode issue : issues) {
            String object = text(issue, "object");
            out.append("  - ").append(Failures.printable((object.isEmpty() ? "" : object + ": ")
                    + text(issue, "message"))).append('\n');
        }
    }
}
