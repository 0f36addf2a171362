package dev.portolan.proxy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seconds-long runs of the bench scripts (SMOKE=1: no warm-up, one 1-second round) so that they never rot: each must
 * start every target of every variant, get answers from each, and print its ratio lines last. Nothing here looks at
 * speed. Needs wrk, nginx, haproxy, curl and openssl ({@code ./portolan test} installs the first three with apt;
 * without them the tests are skipped, or fail when run by {@code ./portolan test}). The Spring Cloud Gateway peer
 * is built by the script the first time (bench/spring-cloud-gateway, about a minute with its dependencies cached).
 */
class BenchScriptsSmokeTest {

    private static final List<String> TOOLS = List.of("wrk", "nginx", "haproxy", "curl", "openssl");
    private static final long LIMIT_SECONDS = 300;
    /** A table row: variant, target, req/s (median), p50, p99, cpu us/req, backend us/req, non-2xx, socket errors. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(backend|proxy|nginx|haproxy|scg)\\s+(\\d+)\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+"
                    + "\\s+(\\d+)\\s+(\\d+)\\s.*$");

    private static Path root;

    @BeforeAll
    static void findRepositoryAndTools() {
        root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("bench/proxy-vs-peers.sh")),
                "bench/proxy-vs-peers.sh not found above " + Path.of("").toAbsolutePath());
        List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
        if (!missing.isEmpty() && !System.getenv().getOrDefault("PORTOLAN_TEST_TOOLS", "").isEmpty()) {
            fail("./portolan test should have installed " + missing);
        }
        Assumptions.assumeTrue(missing.isEmpty(), "missing " + missing + " (./portolan test installs them)");
    }

    @Test
    void proxyVsPeersRunsEveryVariantAgainstEveryPeerAndPrintsItsRatiosLast() throws Exception {
        Run run = run("proxy-vs-peers", List.of("bench/proxy-vs-peers.sh"), Map.of("PORT_BASE", "29380"));

        List<String> lines = run.output().lines().toList();
        Map<String, int[]> rows = rows(lines);
        for (String variant : List.of("small", "1k", "64k", "h2c", "tls")) {
            for (String target : List.of("backend", "proxy", "nginx", "haproxy", "scg")) {
                if (variant.equals("h2c") && target.equals("nginx")) {
                    assertTrue(!rows.containsKey(variant + " " + target), "nginx cannot proxy to h2c: " + run);
                    continue;
                }
                int[] row = rows.get(variant + " " + target);
                assertTrue(row != null, "no result row for " + variant + " " + target + ": " + run);
                assertTrue(row[0] > 0, variant + " " + target + " served nothing: " + run);
                assertEquals(0, row[1], variant + " " + target + " answered non-2xx: " + run);
            }
        }
        List<String> last = lines.subList(lines.size() - 5, lines.size());
        assertEquals(List.of("small", "1k", "64k", "h2c", "tls"), last.stream()
                .map(line -> line.startsWith("ratios ") ? line.split(" ")[1] : line).toList(), run.toString());
        assertTrue(last.get(0).matches("ratios small vs nginx .*: proxy req/s [\\d.]+ cpu [\\d.]+; haproxy req/s "
                + "[\\d.]+ cpu [\\d.]+; scg req/s [\\d.]+ cpu [\\d.]+;"), run.toString());
        assertTrue(last.get(3).startsWith("ratios h2c vs haproxy"), run.toString());
    }

    @Test
    void runAllRunsEachLoadShapeAndPrintsTheRatioTableLast() throws Exception {
        Run run = run("run-all", List.of("bench/run-all.sh"), Map.of("PORT_BASE", "29480", "VARIANTS", "small",
                "PEERS", "nginx", "LOADS", "1x32 2x64"));

        List<String> lines = run.output().lines().toList();
        assertTrue(lines.contains("== wrk -t2 -c64 =="), run.toString());
        List<String> last = lines.subList(lines.size() - 3, lines.size());
        assertTrue(last.get(0).startsWith("== ratio table"), run.toString());
        assertTrue(last.get(1).matches("-t1 -c32  small vs nginx .*: proxy req/s [\\d.]+ cpu [\\d.]+;"),
                run.toString());
        assertTrue(last.get(2).matches("-t2 -c64  small vs nginx .*: proxy req/s [\\d.]+ cpu [\\d.]+;"),
                run.toString());
    }

    @Test
    void featuresVsNginxRoutesThroughTheHundredRoutesAndPrintsItsRatioLast() throws Exception {
        Run run = run("proxy-features-vs-nginx", List.of("bench/proxy-features-vs-nginx.sh"), Map.of(
                "BACKEND_PORT", "29610", "PROXY_PORT", "29611", "NGINX_PORT", "29612"));

        List<String> lines = run.output().lines().toList();
        for (String target : List.of("backend", "proxy", "nginx")) {
            String row = lines.stream().filter(line -> line.startsWith(target + " ") && !line.contains("per round"))
                    .findFirst().orElse(null);
            assertTrue(row != null, "no result row for " + target + ": " + run);
            String[] cells = row.trim().split("\\s+");
            assertTrue(Double.parseDouble(cells[1]) > 0, target + " served nothing: " + run);
            // the last column counts socket errors and non-2xx answers: a request that matched no route is a 404
            assertEquals("0", cells[cells.length - 1], target + " answered with errors: " + run);
        }
        assertTrue(lines.get(lines.size() - 1).matches("proxy/nginx: req/s [\\d.]+, cpu per request [\\d.]+ .*"),
                run.toString());
        assertTrue(run.output().contains("routes: features"), run.toString());
    }

    private record Run(String name, int exitCode, String output) {
        @Override
        public String toString() {
            String[] lines = output.split("\n");
            return name + " exited " + exitCode + "; last lines:\n"
                    + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
        }
    }

    /** Runs a script from the repository root with SMOKE=1 and this JVM's test class path; fails unless it exits 0. */
    private static Run run(String name, List<String> command, Map<String, String> env) throws Exception {
        Path log = Path.of("target", "bench-smoke", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        builder.environment().put("SMOKE", "1");
        builder.environment().put("INSTALL", "0");
        builder.environment().put("BENCH_CLASSPATH", testClassPath());
        Process process = builder.start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroy(); // the script's trap stops what it started
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            fail(name + " did not finish within " + LIMIT_SECONDS + " s; see " + log);
        }
        Run run = new Run(name, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    /** "variant target" -> {req/s, non-2xx} for each table row. */
    private static Map<String, int[]> rows(List<String> lines) {
        Map<String, int[]> rows = new HashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1) + " " + m.group(2), new int[] {Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))});
            }
        }
        return rows;
    }

    /** Surefire's test class path (java.class.path may be only its booter jar). */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        entries.removeIf(String::isBlank);
        return String.join(File.pathSeparator, entries);
    }

    private static boolean onPath(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
