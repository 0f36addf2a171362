package dev.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * gwctl's describe layout: "Key: value" lines, nested values as indented YAML, related objects and policies as
 * indented tables; an empty section says {@code <none>}. Pure.
 */
final class DescribeText {
    static final String NONE = "<none>";
    private final StringBuilder out = new StringBuilder();

    DescribeText field(String key, String value) {
        out.append(key).append(": ").append(value == null || value.isEmpty() ? NONE : Failures.printable(value))
                .append('\n');
        return this;
    }

    /** A nested value as YAML under the key (scalars stay on the key's line). */
    DescribeText yaml(String key, JsonNode stored) {
        JsonNode value = Json.withoutEmptyMembers(stored);
        if (Json.isEmpty(value)) {
            return field(key, NONE);
        }
        if (!value.isContainerNode()) {
            return field(key, value.asText());
        }
        out.append(key).append(":\n");
        indent(Json.yaml(value), "  ");
        return this;
    }

    DescribeText table(String key, Table table) {
        if (table.isEmpty()) {
            return field(key, NONE);
        }
        out.append(key).append(":\n").append(table.render("  ", true));
        return this;
    }

    /** Lines as a YAML-style list ("- line") under the key. */
    DescribeText list(String key, List<String> lines) {
        if (lines.isEmpty()) {
            return field(key, NONE);
        }
        out.append(key).append(":\n");
        for (String line : lines) {
            out.append("- ").append(Failures.printable(line)).append('\n');
        }
        return this;
    }

    /** Pre-formatted lines under the key, indented by two spaces. */
    DescribeText block(String key, String text) {
        if (text.isEmpty()) {
            return field(key, NONE);
        }
        out.append(key).append(":\n");
        indent(text, "  ");
        return this;
    }

    private void indent(String text, String prefix) {
        text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
