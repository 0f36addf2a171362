package dev.portolan.api.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parser-free checks of DOT output; Graphviz itself is used only when installed. */
final class DotChecks {
    private static final Pattern NODE = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") \\[label=", Pattern.MULTILINE);
    private static final Pattern EDGE = Pattern.compile(
            "^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") -> (\"(?:[^\"\\\\]|\\\\.)*\")", Pattern.MULTILINE);

    private DotChecks() {
    }

    /** Braces balance outside quoted strings, and every edge endpoint is a declared node. */
    static void assertWellFormed(String dot) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                assertTrue(depth >= 0, "unbalanced '}' at " + i);
            }
        }
        assertEquals(0, depth, "braces balance");
        assertTrue(!quoted, "quotes balance");
        Set<String> declared = new HashSet<>();
        Matcher nodes = NODE.matcher(dot);
        while (nodes.find()) {
            declared.add(nodes.group(1));
        }
        Matcher edges = EDGE.matcher(dot);
        int count = 0;
        while (edges.find()) {
            count++;
            assertTrue(declared.contains(edges.group(1)), "edge source declared: " + edges.group(1));
            assertTrue(declared.contains(edges.group(2)), "edge target declared: " + edges.group(2));
        }
        assertTrue(count > 0 || !dot.contains("->"), "edges were found by the check");
    }

    /** Runs {@code dot -Tsvg} when Graphviz is installed; returns false when it is not. */
    static boolean graphvizAccepts(String dot) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return false;
        }
        Path out = Files.createTempFile("topology", ".svg");
        try {
            process.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            Files.write(out, process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "dot finished");
            assertEquals(0, process.exitValue(), "dot accepts the output: " + Files.readString(out));
            return true;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
