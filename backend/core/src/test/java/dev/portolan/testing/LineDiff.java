package dev.portolan.testing;

import java.util.ArrayList;
import java.util.List;

/** A small unified diff (longest common subsequence) for readable golden-file failures. */
public final class LineDiff {
    private LineDiff() {
    }

    public static String unified(List<String> expected, List<String> actual, int context) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j))
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                lines.add("  " + expected.get(i));
                changed.add(false);
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                lines.add("+ " + actual.get(j++));
                changed.add(true);
            } else {
                lines.add("- " + expected.get(i++));
                changed.add(true);
            }
        }
        StringBuilder out = new StringBuilder("--- expected\n+++ actual\n");
        int lastPrinted = -1;
        for (int k = 0; k < lines.size(); k++) {
            if (!changed.get(k)) {
                continue;
            }
            int from = Math.max(k - context, lastPrinted + 1);
            if (from > lastPrinted + 1 && lastPrinted >= 0) {
                out.append("@@\n");
            }
            int to = k;
            while (to + 1 < lines.size() && (changed.get(to + 1) || nearChange(changed, to + 1, context))) {
                to++;
            }
            for (int p = from; p <= Math.min(lines.size() - 1, to); p++) {
                out.append(lines.get(p)).append('\n');
            }
            lastPrinted = Math.min(lines.size() - 1, to);
            k = lastPrinted;
        }
        return out.toString();
    }

    private static boolean nearChange(List<Boolean> changed, int index, int context) {
        for (int d = 0; d <= context && index + d < changed.size(); d++) {
            if (changed.get(index + d)) {
                return true;
            }
        }
        for (int d = 1; d <= context && index - d >= 0; d++) {
            if (changed.get(index - d)) {
                return true;
            }
        }
        return false;
    }
}
