package dev.portolan.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded mode with its proxy in the JVM: the control plane's threads (snapshot, store, folder watch, and the
 * API's Netty and executor threads) run under SCHED_IDLE, the proxy's threads stay ordinary. Read from what Linux
 * reports for each thread of this process (/proc/self/task/N/stat, field 41).
 */
class ControlPlaneYieldsCpuTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @TempDir
    Path manifests;

    @Test
    void controlPlaneThreadsYieldToTheProxysThreads() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux reports each thread's policy");
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "portolan.manifests", manifests.toString(),
                "portolan.proxy.port-offset", "0",
                "portolan.proxy.admin-port", "0",
                "micronaut.server.port", "-1"))) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            // the API's threads start with its first request
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/api/v1/gateways")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());

            Map<String, List<Integer>> policies = policiesByThreadName();
            assertEquals(List.of(SCHED_IDLE), policies.get("portolan-snapsh"), policies.toString());
            assertEquals(List.of(SCHED_IDLE), policies.get("portolan-file-s"), policies.toString());
            assertEquals(List.of(SCHED_IDLE), policies.get("portolan-folder"), policies.toString());
            List<Integer> eventLoops = policies.getOrDefault("default-eventLo", List.of());
            assertFalse(eventLoops.isEmpty(), policies.toString());
            assertTrue(eventLoops.stream().allMatch(policy -> policy == SCHED_IDLE), policies.toString());
            List<Integer> proxy = policies.getOrDefault("portolan-proxy-", List.of());
            assertFalse(proxy.isEmpty(), "the proxy's threads run: " + policies);
            assertTrue(proxy.stream().allMatch(policy -> policy == SCHED_OTHER), policies.toString());
        }
    }

    /** Policies of this process's threads by the first 15 characters of their names (what Linux keeps). */
    private static Map<String, List<Integer>> policiesByThreadName() throws IOException {
        Map<String, List<Integer>> policies = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String key = name.replaceAll("-\\d+$", "");
                    policies.computeIfAbsent(key, k -> new ArrayList<>()).add(Integer.parseInt(fields[38]));
                } catch (IOException threadEnded) {
                    // gone between listing and reading
                }
            }
        }
        return policies;
    }
}
