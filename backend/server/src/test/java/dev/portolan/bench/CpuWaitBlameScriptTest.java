package dev.portolan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/cpu-wait-blame.py on a timeline and a {@code perf sched timehist} made up for it: a proxy thread that waited
 * 1.2 ms for CPU 1 while the snapshot thread ran there is blamed on the snapshot thread, for 1.2 ms; a wait on
 * another CPU and a short wait are not counted. Runs where python3 is installed.
 */
class CpuWaitBlameScriptTest {
    @TempDir
    Path dir;

    @Test
    void blamesTheThreadThatHeldTheCpuTheRequestPathWaitedFor() throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().getParent().resolve("bench/cpu-wait-blame.py");
        assertTrue(Files.isRegularFile(script), script.toString());
        assumeTrue(onPath("python3"), "python3 is not installed");
        // the JVM started at 1000 s of the monotonic clock; one request due 10 ms later took 2 ms
        Path timeline = Files.writeString(dir.resolve("timeline-5000.txt"),
                "jvm-start-nanotime 1000000000000\nrequest 10.000 2.000\nchange 9.000 9.500\n");
        // time [cpu] task wait sch-delay run (ms): the snapshot thread ran 1000.005-1000.011 s on CPU 1, the proxy
        // thread ran there from 1000.011 after waiting 1.2 ms; the echo backend waited 0.1 ms (too short); the load
        // waited 0.5 ms on CPU 0, where the JIT compiled meanwhile
        Path timehist = Files.writeString(dir.resolve("timehist.txt"), String.join("\n",
                "           time    cpu  task name                       wait time  sch delay   run time",
                "    1000.011000 [0001]  portolan-snapshot[11/10]            0.000      0.000      6.000",
                "    1000.011500 [0001]  portolan-proxy-3[12/10]             0.000      1.200      0.500",
                "    1000.012000 [0001]  qtp1493988307-7[13/10]              0.000      0.100      0.400",
                "    1000.010500 [0000]  C2 CompilerThre[14/10]              0.000      0.000      3.500",
                "    1000.010600 [0000]  fixed-rate-load-0[15/10]            0.000      0.500      0.100",
                ""));
        Process process = new ProcessBuilder("python3", script.toString(), timeline.toString(), timehist.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("requests 1, over 1 ms 1"), out);
        assertTrue(out.contains("for a CPU 2 times, 2 ms in all"), out);
        assertTrue(out.contains("1.2  portolan-snapshot"), out);
        assertTrue(out.contains("0.5  C2 CompilerThre"), out);
        assertEquals(2, out.lines().filter(line -> line.startsWith("  ")).count(), out);
    }

    private static boolean onPath(String tool) throws IOException {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }
}
