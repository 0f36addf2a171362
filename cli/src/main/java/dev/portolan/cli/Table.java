package dev.portolan.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table as kubectl and gwctl print them: upper-case headers, columns padded to their widest cell and
 * two spaces apart, no trailing spaces. Pure.
 */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.stream().map(cell -> cell == null ? "" : Failures.printable(cell)).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, each line prefixed with {@code indent} and ended by a newline; {@code underline}: "----" under
     *  each header, as gwctl's describe tables have. */
    String render(String indent, boolean underline) {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        if (underline) {
            all.add(headers.stream().map(header -> "-".repeat(header.length())).toList());
        }
        all.addAll(rows);
        for (List<String> line : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : all) {
            StringBuilder text = new StringBuilder(indent);
            for (int i = 0; i < widths.length; i++) {
                text.append(line.get(i));
                if (i < widths.length - 1) {
                    text.append(" ".repeat(widths[i] - line.get(i).length() + 2));
                }
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    String render() {
        return render("", false);
    }
}
