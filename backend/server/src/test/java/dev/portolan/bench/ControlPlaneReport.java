package dev.portolan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.proxy.listen.LiveConfig;
import dev.portolan.proxy.listen.PortRoutes;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: embedded Portolan (the Micronaut app, its file store and in-process proxy) over the manifests of
 * {@code e2e-playwright/perf/generate.mjs}, measured the way a user sees it. Per size it prints the start time (to
 * the first 200 through the proxy), the time from a change to the first 200 for the changed route through the proxy
 * (p50/p90/p99/max, separately for {@code POST /api/v1/apply} and for a new file in the folder), CPU per change
 * (the whole process, and the snapshot thread alone) and bytes allocated per change, heap after GC and RSS, and a
 * steady route's latency idle and while routes churn at 10 changes/s (p50/p99, failures, the JIT's compile time
 * in those phases).
 *
 * <p>In the suite it is a seconds-long smoke (200 routes, 5 changes, 1 s of load) that checks only that every
 * change arrives and figures are printed. {@code -Dportolan.bench.controlplane=true} runs the full report; sizes,
 * counts and durations: {@code -Dportolan.bench.controlplane.sizes=1000,5000,20000}, {@code .changes=200},
 * {@code .warmup=30} (changes via apply before the measured ones, not counted), {@code .churn-warmup-seconds=10}
 * (churn under both loads before the measured idle and churn phases, not measured; repeated, up to four rounds,
 * until the JIT compiles for under 1 % of a core),
 * {@code .churn-seconds=10}, {@code .clients=4}. {@code bench/control-plane.sh} runs it. Asserts nothing about speed.
 * The proxy's access log is off while it runs (it would measure the console).
 */
class ControlPlaneReport {
    private static final String TOKEN = "control-plane-report-token";
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final long CHURN_INTERVAL_MILLIS = 100;
    /**
     * The churn warm-up repeats until the JIT compiles under this many ms per second (1 % of a core): its compiler
     * threads run at ordinary priority and were most of what the steady route waited for under churn (round 5).
     */
    private static final long JIT_QUIET_MILLIS_PER_SECOND = 10;
    private static final int MAX_CHURN_WARMUP_ROUNDS = 4;

    private final AtomicInteger churnSerial = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyChangeReachesTheProxyAndFiguresArePrinted() throws Exception {
        boolean full = Boolean.getBoolean("portolan.bench.controlplane");
        int[] sizes = Arrays.stream(System.getProperty("portolan.bench.controlplane.sizes",
                full ? "1000,5000,20000" : "200").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        int changes = Integer.getInteger("portolan.bench.controlplane.changes", full ? 200 : 5);
        int churnSeconds = Integer.getInteger("portolan.bench.controlplane.churn-seconds", full ? 10 : 1);
        int clients = Integer.getInteger("portolan.bench.controlplane.clients", 4);
        int warmup = Integer.getInteger("portolan.bench.controlplane.warmup", full ? 30 : 0);
        int churnWarmup = Integer.getInteger("portolan.bench.controlplane.churn-warmup-seconds", full ? 10 : 0);
        int rate = Integer.getInteger("portolan.bench.controlplane.rate", full ? 1000 : 200);
        List<String> summary = new ArrayList<>();
        // Millions of access-log lines to the test's stdout would measure the console, not the control plane.
        ch.qos.logback.classic.Logger access =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("portolan.access");
        ch.qos.logback.classic.Level accessLevel = access.getLevel();
        access.setLevel(ch.qos.logback.classic.Level.OFF);
        Server echo = echoBackend();
        try {
            int echoPort = ((ServerConnector) echo.getConnectors()[0]).getLocalPort();
            for (int routes : sizes) {
                summary.add(measure(routes, changes, warmup, churnWarmup, churnSeconds, clients, rate, echoPort));
            }
        } finally {
            echo.stop();
            access.setLevel(accessLevel);
        }
        System.out.println("ControlPlaneReport figures:");
        summary.forEach(System.out::println);
    }

    private String measure(int routes, int changes, int warmup, int churnWarmupSeconds, int churnSeconds, int clients,
                           int rate, int echoPort) throws Exception {
        Path folder = Files.createTempDirectory("portolan-control-plane-report");
        try {
            PerfManifests.write(folder, routes, echoPort);
            int proxyPort = freePort();
            long startNanos = System.nanoTime();
            try (ApplicationContext context = ApplicationContext.run(Map.of(
                    "portolan.manifests", folder.toString(),
                    "portolan.api.write-token", TOKEN,
                    "portolan.proxy.port-offset", String.valueOf(proxyPort - 80),
                    "portolan.proxy.admin-port", "-1",
                    "portolan.proxy.cpu-first", System.getProperty("portolan.bench.controlplane.cpu-first", "true"),
                    "micronaut.server.port", "-1"))) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                server.start();
                String gatewayHost = gatewayAddress(context.getBean(ControlPlane.class), startNanos);
                String proxy = "http://" + gatewayHost + ":" + proxyPort;
                awaitOk(proxy + "/steady", startNanos);
                double startMillis = (System.nanoTime() - startNanos) / 1e6;
                String api = server.getURL() + "/api/v1/apply";
                // changes before the measured ones, not counted: right after start the JIT is still compiling the
                // rebuild's code, and a control plane runs for days, not for its first changes
                if (warmup > 0) {
                    changes(warmup, proxy, i -> post(api, PerfManifests.route("warmup-" + i, "/warmup-" + i)),
                            "/warmup-");
                }

                Sample viaApply = changes(changes, proxy, i -> post(api, PerfManifests.route("apply-" + i,
                        "/apply-" + i)), "/apply-");
                Sample viaFile = changes(changes, proxy, i -> {
                    Files.writeString(folder.resolve("bench-file-" + i + ".yaml"),
                            PerfManifests.route("file-" + i, "/file-" + i));
                    return null;
                }, "/file-");
                // churn under both loads once, not measured: the first seconds of changes under load still compile
                // code paths (the API's, Netty's, the clients' own) that nothing above ran hot, and the JIT's
                // compiler threads then take the cores the steady route waits for; a control plane runs for days
                // (rounds until the JIT is quiet: under 1 % of a core compiling, at most MAX_CHURN_WARMUP_ROUNDS)
                for (int round = 1; churnWarmupSeconds > 0; round++) {
                    long jitBefore = jitMillis();
                    load(proxy + "/steady", clients, churnWarmupSeconds, api);
                    whileChurning(api, churnWarmupSeconds, new int[1], null, () -> FixedRateLoad.run(gatewayHost,
                            proxyPort, "/steady", rate, clients, churnWarmupSeconds));
                    long compiled = jitMillis() - jitBefore;
                    System.out.printf(Locale.ROOT, "ControlPlaneReport: %d routes: churn warm-up round %d: the JIT "
                            + "compiled for %d ms in %d s%n", routes, round, compiled, 2 * churnWarmupSeconds);
                    if (compiled <= JIT_QUIET_MILLIS_PER_SECOND * 2 * churnWarmupSeconds
                            || round >= MAX_CHURN_WARMUP_ROUNDS) {
                        break;
                    }
                }
                // both idle phases first: what the changes above left behind (state saves, garbage) is gone by then
                Thread.sleep(1_000);
                Latencies idle = load(proxy + "/steady", clients, churnSeconds, null);
                FixedRateLoad.Result idleAtRate = FixedRateLoad.run(gatewayHost, proxyPort, "/steady", rate, clients,
                        churnSeconds);
                long jitBeforeChurn = jitMillis();
                Latencies churning = load(proxy + "/steady", clients, churnSeconds, api);
                long jitChurning = jitMillis() - jitBeforeChurn;
                int[] churnedAtRate = new int[1];
                List<long[]> changeTimes = new ArrayList<>();
                List<Long> swaps = new CopyOnWriteArrayList<>();
                // after the proxy's own subscriber (subscribed at start), so: when the proxy serves the new config
                context.getBean(ControlPlane.class).publisher().subscribe(published -> swaps.add(System.nanoTime()));
                System.out.println("ControlPlaneReport: " + routes + " routes: fixed-rate load under churn");
                long jitBeforeChurnAtRate = jitMillis();
                FixedRateLoad.Result churningAtRate = whileChurning(api, churnSeconds, churnedAtRate, changeTimes,
                        () -> FixedRateLoad.run(gatewayHost, proxyPort, "/steady", rate, clients, churnSeconds));
                long jitChurningAtRate = jitMillis() - jitBeforeChurnAtRate;
                writeTimeline(routes, churningAtRate, changeTimes, swaps);
                String saturated = saturatedChanges(proxy + "/steady", api, proxy);
                System.gc();
                long heapMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                String line = String.format(Locale.ROOT, "%,7d routes | start %,6.0f ms | apply %s | file %s | "
                                + "CPU/change process %s snapshot thread %s, allocated/change %s | heap %,d MiB RSS %,d MiB"
                                + " | steady p50/p99 "
                                + "idle %.2f/%.2f ms, under churn %.2f/%.2f ms (%.1fx p99), %d failed, %d changes | "
                                + "at %,d req/s idle %s, under churn %s (%.1fx p99), %d failed, %d changes | JIT "
                                + "compiling under churn %d / %d ms%s",
                        routes, startMillis, viaApply.percentiles(), viaFile.percentiles(),
                        viaApply.cpuPerChange(), viaApply.snapshotCpuPerChange(), viaApply.allocatedPerChange(),
                        heapMiB, rssMiB(), idle.p(50),
                        idle.p(99), churning.p(50), churning.p(99), churning.p(99) / idle.p(99),
                        idle.failures + churning.failures, churning.changes, rate,
                        idleAtRate.describe(churnSeconds), churningAtRate.describe(churnSeconds),
                        churningAtRate.millisAt(99) / idleAtRate.millisAt(99),
                        idleAtRate.failures() + churningAtRate.failures(), churnedAtRate[0], jitChurning,
                        jitChurningAtRate, saturated);
                System.out.println("ControlPlaneReport: " + line);
                assertEquals(changes, viaApply.millis.length);
                assertEquals(changes, viaFile.millis.length);
                assertTrue(idle.count() > 0 && churning.count() > 0, "the steady route answered");
                assertTrue(idleAtRate.count() > 0 && churningAtRate.count() > 0, "the steady route answered at rate");
                return line;
            }
        } finally {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * With {@code -Dportolan.bench.controlplane.saturated-changes=N} and wrk on the PATH: change to first 200 via
     * apply for N changes while {@code wrk -t2 -c64} keeps the proxy as busy as it can be (what a change costs when
     * the control plane gets only the CPU the proxy leaves). Empty otherwise.
     */
    private String saturatedChanges(String steadyUrl, String api, String proxy) throws Exception {
        int count = Integer.getInteger("portolan.bench.controlplane.saturated-changes", 0);
        if (count <= 0) {
            return "";
        }
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t2", "-c64", "-d600s", steadyUrl).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noWrk) {
            return " | under saturation: wrk not found";
        }
        try {
            Thread.sleep(2_000);
            Sample sample = changes(count, proxy, i -> post(api, PerfManifests.route("saturated-" + i,
                    "/saturated-" + i)), "/saturated-");
            return " | apply while wrk -t2 -c64 saturates the proxy " + sample.percentiles();
        } finally {
            wrk.destroy();
            wrk.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Change {
        CompletableFuture<?> make(int index) throws Exception;
    }

    /** Change to first 200, one change at a time, each waiting for the previous to be served and settle. */
    private Sample changes(int count, String proxy, Change change, String pathPrefix) throws Exception {
        double[] millis = new double[count];
        long cpuBefore = processCpuNanos();
        long snapshotBefore = threadCpuNanos("portolan-snapshot");
        long allocatedBefore = allocatedBytes();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            CompletableFuture<?> sent = change.make(i);
            awaitOk(proxy + pathPrefix + i, start);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (sent != null) {
                sent.get(CHANGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            Thread.sleep(CHURN_INTERVAL_MILLIS); // the status write-back and its effects settle before the next
        }
        return new Sample(millis, (processCpuNanos() - cpuBefore) / count,
                (threadCpuNanos("portolan-snapshot") - snapshotBefore) / count,
                (allocatedBytes() - allocatedBefore) / count);
    }

    /**
     * @param allocatedBytesPerChange what every thread of the process allocated, per change (young garbage: each
     *                                collection pauses the in-process proxy); includes this report's own polling
     */
    private record Sample(double[] millis, long cpuNanosPerChange, long snapshotCpuNanosPerChange,
                          long allocatedBytesPerChange) {
        String percentiles() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "p50 %.0f p90 %.0f p99 %.0f max %.0f ms", at(sorted, 50), at(sorted, 90),
                    at(sorted, 99), sorted[sorted.length - 1]);
        }

        String cpuPerChange() {
            return String.format(Locale.ROOT, "%.0f ms", cpuNanosPerChange / 1e6);
        }

        String snapshotCpuPerChange() {
            return String.format(Locale.ROOT, "%.0f ms", snapshotCpuNanosPerChange / 1e6);
        }

        String allocatedPerChange() {
            return String.format(Locale.ROOT, "%.1f MiB", allocatedBytesPerChange / 1048576.0);
        }
    }

    private static double at(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private CompletableFuture<HttpResponse<String>> post(String url, String yaml) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/yaml").timeout(CHANGE_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("apply answered " + response.statusCode() + ": "
                                + response.body());
                    }
                    return response;
                });
    }

    /** Where embedded mode put gw-0 (it hands out 127.0.0.x addresses itself). */
    private static String gatewayAddress(ControlPlane controlPlane, long sinceNanos) throws InterruptedException {
        while (System.nanoTime() - sinceNanos < CHANGE_TIMEOUT.toNanos()) {
            LiveConfig live = controlPlane.dataPlane().orElseThrow().proxy().live();
            if (live != null) {
                for (PortRoutes routes : live.ports().values()) {
                    if (routes.gateway().name().equals("gw-0")) {
                        return routes.gateway().address();
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("gw-0 is not served");
    }

    /** Asks until the answer is 200, as fast as the loopback allows. */
    private void awaitOk(String url, long sinceNanos) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        String last = "nothing";
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(1); // a millisecond's resolution; asking flat out would eat the CPU being measured
            if (System.nanoTime() - sinceNanos > CHANGE_TIMEOUT.toNanos()) {
                throw new IllegalStateException(url + " did not answer 200 in time; last answer: " + last);
            }
        }
    }

    /** Closed-loop GETs of a steady route from {@code clients} threads; with {@code api}, churns 10 changes/s. */
    private Latencies load(String url, int clients, int seconds, String api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        List<CompletableFuture<Latencies>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                Latencies out = new Latencies();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        out.add(System.nanoTime() - start, status != 200);
                    } catch (Exception e) {
                        out.add(System.nanoTime() - start, true);
                    }
                }
                return out;
            }, pool));
        }
        int changes = churn(api, seconds);
        stop.set(true);
        Latencies all = new Latencies();
        for (CompletableFuture<Latencies> future : futures) {
            all.merge(future.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        all.changes = changes;
        return all;
    }

    /**
     * For {@code seconds}, 10 changes a second via apply when {@code api} is given (else only waits): 20 churn routes,
     * each switching between two paths, so that every change adds and removes rules. Returns how many it made.
     */
    private int churn(String api, int seconds) throws InterruptedException {
        return churn(api, seconds, null);
    }

    private int churn(String api, int seconds, List<long[]> sentAndAnswered) throws InterruptedException {
        int changes = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHURN_INTERVAL_MILLIS);
            if (api != null) {
                // counted across phases: a phase starting again at 0 would first re-apply what the last one left
                // (unchanged objects, no rebuild)
                int serial = churnSerial.getAndIncrement();
                int route = serial % 20;
                long sent = System.nanoTime();
                CompletableFuture<?> answered = post(api, PerfManifests.route("churn-" + route,
                        "/churn-" + route + "-" + (serial / 20) % 2));
                if (sentAndAnswered != null) {
                    long[] times = {sent, 0};
                    synchronized (sentAndAnswered) {
                        sentAndAnswered.add(times);
                    }
                    answered.whenComplete((response, failure) -> times[1] = System.nanoTime());
                }
                changes++;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return changes;
    }

    /**
     * With {@code -Dportolan.bench.controlplane.timeline=DIR}, writes {@code DIR/timeline-ROUTES.txt}: every request of
     * the fixed-rate load under churn ({@code request DUE_MS LATENCY_MS}), every change ({@code change SENT_MS
     * ANSWERED_MS}) and every config the proxy began to serve ({@code served MS}), in milliseconds since the JVM
     * started, the frame of {@code -Xlog:...:uptimenanos}, so that slow requests can be laid beside collections,
     * safepoints, changes and config swaps.
     */
    private static void writeTimeline(int routes, FixedRateLoad.Result requests, List<long[]> changes,
                                      List<Long> swaps) throws IOException {
        String folder = System.getProperty("portolan.bench.controlplane.timeline");
        if (folder == null || folder.isBlank()) {
            return;
        }
        long jvmStartNanoTime = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        StringBuilder out = new StringBuilder();
        out.append("jvm-start-nanotime ").append(jvmStartNanoTime).append('\n');
        requests.forEach((due, latency) -> out.append(String.format(Locale.ROOT, "request %.3f %.3f%n",
                (due - jvmStartNanoTime) / 1e6, latency / 1e6)));
        synchronized (changes) {
            for (long[] change : changes) {
                out.append(String.format(Locale.ROOT, "change %.3f %.3f%n", (change[0] - jvmStartNanoTime) / 1e6,
                        change[1] == 0 ? Double.NaN : (change[1] - jvmStartNanoTime) / 1e6));
            }
        }
        for (long swap : swaps) {
            out.append(String.format(Locale.ROOT, "served %.3f%n", (swap - jvmStartNanoTime) / 1e6));
        }
        Path file = Files.createDirectories(Path.of(folder)).resolve("timeline-" + routes + ".txt");
        Files.writeString(file, out);
        System.out.println("ControlPlaneReport: timeline written to " + file);
    }

    @FunctionalInterface
    private interface Load<T> {
        T run() throws Exception;
    }

    /** Runs {@code load} while {@link #churn} changes routes beside it; {@code changes[0]} gets how many it made. */
    private <T> T whileChurning(String api, int seconds, int[] changes, List<long[]> sentAndAnswered, Load<T> load)
            throws Exception {
        CompletableFuture<Integer> churning = CompletableFuture.supplyAsync(() -> {
            try {
                return churn(api, seconds, sentAndAnswered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        T result = load.run();
        changes[0] = churning.get(CHANGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return result;
    }

    private static final class Latencies {
        private long[] nanos = new long[1 << 14];
        private int count;
        int failures;
        int changes;

        void add(long latency, boolean failed) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
            if (failed) {
                failures++;
            }
        }

        void merge(Latencies other) {
            for (int i = 0; i < other.count; i++) {
                add(other.nanos[i], false);
            }
            failures += other.failures;
        }

        int count() {
            return count;
        }

        double p(int percentile) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return count == 0 ? Double.NaN
                    : sorted[Math.min(count - 1, (int) Math.ceil(percentile / 100.0 * count) - 1)] / 1e6;
        }
    }

    private static Server echoBackend() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/plain");
                response.write(true, java.nio.ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Milliseconds the JIT's compiler threads have spent compiling so far. */
    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes allocated so far by the live threads (a thread that ended takes its count with it). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, allocated);
        }
        return sum;
    }

    private static long threadCpuNanos(String namePrefix) {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
