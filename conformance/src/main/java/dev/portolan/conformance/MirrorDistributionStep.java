package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code mirrorDistribution}: {@code totalRequests} requests ({@code concurrency} at a time), each answer meeting
 * {@code expect} as in an http step; then, per entry of {@code expect.mirroredTo}, the copies that mirror backend
 * recorded for the sample's paths must be total × percent / 100 within {@code toleranceStdDevs} × sqrt(total × p ×
 * (1 − p)). {@code requestIdQueryParam} appends {@code ?param=<uuid>}, one uuid for the whole sample when
 * {@code sameIdForAllRequests}, else one per request. Up to {@code attempts} samples.
 */
final class MirrorDistributionStep {
    /** How long the count of copies must stay the same before it is taken as final (mirrors are fire-and-forget). */
    private static final Duration SETTLED = Duration.ofMillis(200);

    private final GatewayClients clients;
    private final MirrorRecordings mirrors;
    private final RunnerOptions options;

    MirrorDistributionStep(GatewayClients clients, MirrorRecordings mirrors, RunnerOptions options) {
        this.clients = clients;
        this.mirrors = mirrors;
        this.options = options;
    }

    void run(JsonNode step) {
        JsonNode targets = step.path("expect").path("mirroredTo");
        if (!targets.isArray() || targets.isEmpty()) {
            throw new AssertionError("mirrorDistribution: expect.mirroredTo names no mirror backend");
        }
        int total = step.path("totalRequests").asInt(500);
        if (total < 1) {
            throw new AssertionError("mirrorDistribution: totalRequests must be at least 1, got " + total);
        }
        GatewayRequest request = GatewayRequest.from(step);
        int attempts = Math.max(1, step.path("attempts").asInt(1));
        String lastMiss = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Optional<String> miss = once(request, step, targets, total);
            if (miss.isEmpty()) {
                return;
            }
            lastMiss = miss.get();
        }
        throw new AssertionError(lastMiss + " (after " + attempts + " attempts)");
    }

    private Optional<String> once(GatewayRequest request, JsonNode step, JsonNode targets, int total) {
        String idParam = step.path("requestIdQueryParam").asText("");
        boolean sameId = step.path("sameIdForAllRequests").asBoolean(false);
        String sampleId = UUID.randomUUID().toString();
        List<GatewayRequest> requests = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String id = sameId ? sampleId : UUID.randomUUID().toString();
            requests.add(idParam.isEmpty() ? request
                    : request.withPath(RequestSample.withQueryParameter(request.path(), idParam, id)));
        }
        Set<String> paths = new LinkedHashSet<>();
        requests.forEach(r -> paths.add(r.path()));
        List<Long> before = new ArrayList<>();
        targets.forEach(target -> before.add(recorded(target, paths)));

        List<RequestSample.Answer> answers;
        try (GatewayClient client = clients.open(request)) {
            answers = RequestSample.send(client, requests, step.path("concurrency").asInt(10));
        }
        for (RequestSample.Answer answer : answers) {
            if (answer.failure() != null) {
                return Optional.of(answer.failure());
            }
            Optional<String> miss = ResponseExpectation.mismatch(expectFor(step.path("expect"), request, answer.request()),
                    request.method(), answer.response());
            if (miss.isPresent()) {
                return Optional.of(request.method() + " " + answer.request().path() + ": " + miss.get());
            }
        }
        double stdDevs = step.path("toleranceStdDevs").asDouble(3.0);
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            double p = target.path("percent").asDouble(100) / 100.0;
            double expected = total * p;
            double margin = stdDevs * Math.sqrt(total * p * (1 - p));
            long copies = settledCount(target, paths, before.get(i), (long) Math.ceil(expected - margin));
            if (Math.abs(copies - expected) > margin) {
                return Optional.of(String.format("mirror backend %s/%s received %d copies of %d requests, expected"
                                + " %.1f ± %.1f (%s%%)", target.path("namespace").asText(), target.path("name").asText(),
                        copies, total, expected, margin, target.path("percent").asText("100")));
            }
        }
        return Optional.empty();
    }

    /** The step's expectation for one request: its backend path carries that request's id. */
    private static JsonNode expectFor(JsonNode expect, GatewayRequest template, GatewayRequest sent) {
        String expectedPath = expect.path("backendRequest").path("path").asText(null);
        if (expectedPath == null || sent.path().equals(template.path())) {
            return expect;
        }
        ObjectNode copy = expect.deepCopy();
        copy.with("backendRequest").put("path", expectedPath + sent.path().substring(template.path().length()));
        return copy;
    }

    /** Waits until at least {@code atLeast} copies arrived and the count stopped moving, or the mirror time limit. */
    private long settledCount(JsonNode target, Set<String> paths, long before, long atLeast) {
        long deadline = System.nanoTime() + options.mirrorTimeout().toNanos();
        Duration poll = options.pollInterval().compareTo(SETTLED) < 0 ? options.pollInterval() : SETTLED;
        long last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            long now = recorded(target, paths) - before;
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now >= atLeast && System.nanoTime() - stableSince >= SETTLED.toNanos()) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                return now;
            }
            Pause.sleep(poll);
        }
    }

    private long recorded(JsonNode target, Set<String> paths) {
        String namespace = target.path("namespace").asText();
        String name = target.path("name").asText();
        return paths.stream().mapToLong(path -> mirrors.count(namespace, name, path)).sum();
    }
}
