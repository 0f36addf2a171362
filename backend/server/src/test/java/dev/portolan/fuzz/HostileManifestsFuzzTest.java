package dev.portolan.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.LoadProblem;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Mutated demo and conformance manifests (see {@link ManifestMutator}) through {@code POST /api/v1/apply} and
 * through the manifests folder, with a valid Gateway and route beside them serving real traffic through the
 * proxy. Nothing may answer 5xx, crash the store or log an error with a stack trace; every refusal is a problem
 * naming what is wrong; the sentinel keeps serving and a later change still reaches the proxy.
 *
 * <p>In the suite it stops after {@code portolan.fuzz.cases} documents per path (10,000) or
 * {@code portolan.fuzz.seconds} (60 s), whichever comes first; for a longer run:
 * {@code mvn -pl backend/server -am verify -Dtest=HostileManifestsFuzzTest -Dportolan.fuzz.cases=1000000
 * -Dportolan.fuzz.seconds=1800 -Dportolan.fuzz.seed=7}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileManifestsFuzzTest implements TestPropertyProvider {
    private static final String TOKEN = "fuzz-token";
    private static final int CASES = Integer.getInteger("portolan.fuzz.cases", 10_000);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("portolan.fuzz.seconds", 60));
    private static final long SEED = Long.getLong("portolan.fuzz.seed", 20_261_206L);
    private static final int BATCH = 100;

    private Path folder;
    private Sentinel sentinel;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

    @Inject
    EmbeddedServer server;

    @Inject
    SnapshotService snapshots;

    @Override
    public Map<String, String> getProperties() {
        try {
            sentinel = Sentinel.start();
            folder = Files.createTempDirectory("portolan-fuzz");
            Files.writeString(folder.resolve("sentinel.yaml"), sentinel.manifests());
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the fuzz sentinel", e);
        }
        errors.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(errors);
        return Map.of("portolan.manifests", folder.toString(), "portolan.api.write-token", TOKEN);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
        sentinel.close();
    }

    @Test
    void hostileDocumentsNeverCrashNorAffectTheValidObjectsBesideThem() throws Exception {
        List<ObjectNode> seeds = FuzzSeeds.load();
        ManifestMutator mutator = new ManifestMutator(SEED);
        FuzzFindings findings = new FuzzFindings();
        String address = sentinelAddress();
        assertEquals(200, sentinel.get(address, "/sentinel/before"), "the sentinel serves before the fuzz");

        Instant start = Instant.now();
        Instant deadline = start.plus(BUDGET);
        int applied = 0;
        int loaded = 0;
        int refusedByApi = 0;
        int foldedProblems = 0;
        int round = 0;
        while ((applied < CASES || loaded < CASES) && Instant.now().isBefore(deadline)) {
            List<MutatedDocument> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(mutator.mutate(seeds.get(Math.floorMod(applied + loaded + i * 31 + round, seeds.size()))));
            }
            for (MutatedDocument document : batch) {
                if (applied >= CASES || Instant.now().isAfter(deadline)) {
                    break;
                }
                refusedByApi += checkApply(document, findings) ? 1 : 0;
                applied++;
            }
            if (loaded < CASES && Instant.now().isBefore(deadline)) {
                foldedProblems += checkFolder(round, batch, findings);
                loaded += batch.size();
            }
            int status = sentinel.get(address, "/sentinel/round-" + round);
            if (status != 200) {
                findings.add("sentinel stopped serving", "round " + round + ": GET /sentinel answered " + status);
            }
            round++;
        }
        Duration took = Duration.between(start, Instant.now());

        String change = Manifests.JSON.readTree(apply(Sentinel.route("after-fuzz", "/after")).body())
                .toString();
        boolean served = await(Duration.ofSeconds(5), () -> sentinel.get(address, "/after/fuzz") == 200);
        if (!served) {
            findings.add("a change after the fuzz never reached the proxy", change);
        }
        errors.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .forEach(event -> findings.add("error logged", event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName())));

        System.out.printf("fuzz: seed %d, %d seeds, %d documents through apply (%d refused), %d through the folder "
                        + "(%d load problems), %d rounds in %d ms, %d findings%n", SEED, seeds.size(), applied,
                refusedByApi, loaded, foldedProblems, round, took.toMillis(), findings.total());
        assertTrue(findings.isEmpty(), "fuzz findings (seed " + SEED + "):" + findings.report());
        assertTrue(applied + loaded >= Math.min(CASES, 10_000),
                "only " + (applied + loaded) + " documents were sent within " + BUDGET.toSeconds() + " s");
    }

    /** Sends one document to the apply endpoint; returns whether it was refused (with a proper problem). */
    private boolean checkApply(MutatedDocument document, FuzzFindings findings) throws Exception {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/apply"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", document.mediaType())
                    .POST(HttpRequest.BodyPublishers.ofString(document.text())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            findings.add("apply: no answer", e + " for " + document.describe());
            return false;
        }
        int status = response.statusCode();
        if (status == 200) {
            return false;
        }
        if (status >= 500 || status < 400 || status == 401 || status == 403) {
            findings.add("apply: status " + status, response.body() + " for " + document.describe());
            return false;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode problem;
        try {
            problem = Manifests.JSON.readTree(response.body());
        } catch (IOException e) {
            findings.add("apply: refusal is not JSON", response.body() + " for " + document.describe());
            return true;
        }
        if (!contentType.startsWith("application/problem+json")) {
            findings.add("apply: refusal is not problem+json", contentType + " for " + document.describe());
        } else if (problem.path("reason").asText().isBlank()
                || !(problem.hasNonNull("object") || problem.hasNonNull("field"))) {
            findings.add("apply: refusal names neither object nor field with a reason",
                    status + " " + problem + " for " + document.describe());
        }
        return true;
    }

    /**
     * Writes the batch as files, waits until the store has read them (a marker object written last appears), checks
     * every problem about them, then removes them again. Returns the number of load problems they caused.
     */
    private int checkFolder(int round, List<MutatedDocument> batch, FuzzFindings findings) throws Exception {
        Path dir = Files.createDirectories(folder.resolve("fuzz"));
        Set<String> names = new java.util.TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String name = "fuzz/r" + round + "-" + i + ".yaml";
            Files.writeString(folder.resolve(name), batch.get(i).text());
            names.add(name);
        }
        ResourceKey marker = ResourceKey.of("", "ConfigMap", Sentinel.NAMESPACE, "marker-" + round);
        Files.writeString(dir.resolve("zz-marker.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                """.formatted(marker.name(), Sentinel.NAMESPACE));
        if (!await(Duration.ofSeconds(10), () -> snapshots.current().store().byKey().containsKey(marker))) {
            findings.add("folder: the store stopped loading", "round " + round + " marker never appeared");
            return 0;
        }
        List<LoadProblem> problems = snapshots.current().store().problems().stream()
                .filter(problem -> names.contains(problem.file().replace('\\', '/'))).toList();
        for (LoadProblem problem : problems) {
            if (problem.reason() == null || problem.reason().isBlank()) {
                findings.add("folder: problem without a reason", problem.describe());
            }
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        return problems.size();
    }

    private HttpResponse<String> apply(String yaml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/apply"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sentinelAddress() throws Exception {
        List<String> found = new ArrayList<>();
        boolean ready = await(Duration.ofSeconds(10), () -> {
            try {
                HttpResponse<String> summary = http.send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/api/v1/summary")).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode gateway : Manifests.JSON.readTree(summary.body()).path("gateways")) {
                    if (Sentinel.GATEWAY.equals(gateway.path("gateway").asText())
                            && gateway.path("addresses").size() > 0) {
                        found.add(gateway.path("addresses").get(0).asText());
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertTrue(ready, "the sentinel Gateway got an address");
        String address = found.get(0);
        assertTrue(await(Duration.ofSeconds(10), () -> sentinel.get(address, "/sentinel/ready") == 200),
                "the sentinel route serves through the proxy");
        return address;
    }

    private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
