package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code http} step: {@code eventuallyConsistent} (3 answers in a row meet the expectation within the limit,
 * pausing after a miss) or {@code expectFailure} (never a forbidden status; {@code consecutive} other answers pass).
 */
final class HttpStep {
    private static final int IN_A_ROW = 3;

    private final GatewayClients clients;
    private final MirrorRecordings mirrors;
    private final RunnerOptions options;

    HttpStep(GatewayClients clients, MirrorRecordings mirrors, RunnerOptions options) {
        this.clients = clients;
        this.mirrors = mirrors;
        this.options = options;
    }

    void run(JsonNode step) {
        GatewayRequest request = GatewayRequest.from(step);
        try (GatewayClient client = clients.open(request)) {
            if (step.path("mode").asText("eventuallyConsistent").equals("expectFailure")) {
                expectFailure(client, request, step.path("expect"));
            } else {
                eventuallyConsistent(client, request, step);
            }
        }
    }

    private void eventuallyConsistent(GatewayClient client, GatewayRequest request, JsonNode step) {
        long deadline = System.nanoTime() + options.httpTimeout().toNanos();
        int inARow = 0;
        String lastMiss = "no attempt";
        while (true) {
            Optional<String> miss = attempt(client, request, step);
            if (miss.isEmpty()) {
                if (++inARow == IN_A_ROW) {
                    return;
                }
                continue;
            }
            inARow = 0;
            lastMiss = miss.get();
            if (System.nanoTime() + options.pauseAfterFailure().toNanos() > deadline) {
                throw new AssertionError(lastMiss + " (no " + IN_A_ROW + " good answers in a row within "
                        + options.httpTimeout().toSeconds() + " s)");
            }
            Pause.sleep(options.pauseAfterFailure());
        }
    }

    /** One request; the request id and {uuid} are fresh per attempt so every attempt is checked on its own. */
    private Optional<String> attempt(GatewayClient client, GatewayRequest request, JsonNode step) {
        ObjectNode expect = step.path("expect").deepCopy();
        String path = request.path();
        String expectedPath = expect.path("backendRequest").path("path").asText(null);
        if (step.path("freshUuidPerAttempt").asBoolean(false)) {
            String uuid = UUID.randomUUID().toString();
            path = path.replace("{uuid}", uuid);
            expectedPath = expectedPath == null ? null : expectedPath.replace("{uuid}", uuid);
        }
        String idParam = step.path("requestIdQueryParam").asText("");
        if (!idParam.isEmpty()) {
            String suffix = idParam + "=" + UUID.randomUUID();
            path = path + (path.contains("?") ? "&" : "?") + suffix;
            expectedPath = expectedPath == null ? null : expectedPath + (expectedPath.contains("?") ? "&" : "?") + suffix;
        }
        if (expectedPath != null) {
            expect.with("backendRequest").put("path", expectedPath);
        }
        CapturedResponse response;
        try {
            response = client.send(request.withPath(path));
        } catch (IOException e) {
            return Optional.of("request " + request.method() + " " + path + " failed: " + e.getMessage());
        }
        Optional<String> miss = ResponseExpectation.mismatch(expect, request.method(), response);
        if (miss.isEmpty() && expect.has("mirroredTo")) {
            miss = mirrored(expect.get("mirroredTo"), expectedPath == null ? path : expectedPath);
        }
        String sentPath = path;
        return miss.map(m -> request.method() + " " + sentPath + ": " + m);
    }

    private Optional<String> mirrored(JsonNode targets, String pathAndQuery) {
        long deadline = System.nanoTime() + options.mirrorTimeout().toNanos();
        for (JsonNode target : targets) {
            String namespace = target.path("namespace").asText();
            String name = target.path("name").asText();
            while (mirrors.count(namespace, name, pathAndQuery) == 0) {
                if (System.nanoTime() > deadline) {
                    return Optional.of("no copy of " + pathAndQuery + " reached mirror backend " + namespace + "/" + name
                            + " within " + options.mirrorTimeout().toSeconds() + " s");
                }
                Pause.sleep(options.pollInterval());
            }
        }
        return Optional.empty();
    }

    private void expectFailure(GatewayClient client, GatewayRequest request, JsonNode expect) {
        JsonNode forbidden = expect.has("notStatusCodes") ? expect.get("notStatusCodes") : JsonFields.array(200);
        JsonNode retried = expect.has("retryWhileStatusIn") ? expect.get("retryWhileStatusIn") : JsonFields.array(408, 504);
        int wanted = expect.path("consecutive").asInt(5);
        long deadline = System.nanoTime() + options.httpTimeout().toNanos();
        int good = 0;
        while (good < wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + good + " of " + wanted + " consecutive failing answers within "
                        + options.httpTimeout().toSeconds() + " s");
            }
            int status;
            try {
                status = client.send(request).status();
            } catch (IOException e) {
                good++; // no answer at all is a failure, as expected
                continue;
            }
            if (JsonFields.containsInt(forbidden, status)) {
                throw new AssertionError(request.method() + " " + request.path() + ": answered " + status
                        + " although the request must fail (forbidden: " + forbidden + ")");
            }
            if (JsonFields.containsInt(retried, status)) {
                good = 0;
                Pause.sleep(options.pauseAfterFailure());
            } else {
                good++;
            }
        }
    }
}
