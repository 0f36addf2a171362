package dev.portolan.openapi;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal line diff (longest common subsequence) rendered like a unified diff:
 * " " unchanged, "-" only in the expected text, "+" only in the actual text.
 * Unchanged runs longer than twice the context are folded to keep failures readable.
 */
final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    static String render(List<String> expected, List<String> actual) {
        int[][] common = new int[expected.size() + 1][actual.size() + 1];
        for (int i = expected.size() - 1; i >= 0; i--) {
            for (int j = actual.size() - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < expected.size() || j < actual.size()) {
            if (i < expected.size() && j < actual.size() && expected.get(i).equals(actual.get(j))) {
                lines.add("  " + expected.get(i++));
                j++;
            } else if (i < expected.size() && (j == actual.size() || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + expected.get(i++));
            } else {
                lines.add("+ " + actual.get(j++));
            }
        }
        return fold(lines);
    }

    private static String fold(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (index < lines.size()) {
            int runEnd = index;
            while (runEnd < lines.size() && lines.get(runEnd).startsWith("  ")) {
                runEnd++;
            }
            int run = runEnd - index;
            boolean atStart = index == 0;
            boolean atEnd = runEnd == lines.size();
            int keepBefore = atStart ? 0 : CONTEXT;
            int keepAfter = atEnd ? 0 : CONTEXT;
            if (run > keepBefore + keepAfter + 1) {
                appendAll(out, lines.subList(index, index + keepBefore));
                out.append("  ... ").append(run - keepBefore - keepAfter).append(" unchanged lines ...\n");
                appendAll(out, lines.subList(runEnd - keepAfter, runEnd));
            } else {
                appendAll(out, lines.subList(index, runEnd));
            }
            index = runEnd;
            while (index < lines.size() && !lines.get(index).startsWith("  ")) {
                out.append(lines.get(index++)).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendAll(StringBuilder out, List<String> lines) {
        lines.forEach(line -> out.append(line).append('\n'));
    }
}
