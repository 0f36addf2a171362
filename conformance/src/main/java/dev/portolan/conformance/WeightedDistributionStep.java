package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code weightedDistribution}: {@code totalRequests} requests ({@code concurrency} at a time, each with a random
 * {@code X-Jitter} header for entropy); every answer must meet {@code expect}; each backend's share (pod name minus
 * its last two {@code -} parts) must be within {@code tolerance} of its weight's share of the sum of the weights
 * (so {@code 70/30} and {@code 0.7/0.3} mean the same), weight-0 backends get nothing.
 * Up to {@code attempts} tries.
 */
final class WeightedDistributionStep {
    private final GatewayClients clients;

    WeightedDistributionStep(GatewayClients clients) {
        this.clients = clients;
    }

    void run(JsonNode step) {
        GatewayRequest request = GatewayRequest.from(step);
        int attempts = Math.max(1, step.path("attempts").asInt(1));
        String lastMiss = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Optional<String> miss = once(request, step);
            if (miss.isEmpty()) {
                return;
            }
            lastMiss = miss.get();
        }
        throw new AssertionError(lastMiss + " (after " + attempts + " attempts)");
    }

    private Optional<String> once(GatewayRequest request, JsonNode step) {
        int total = step.path("totalRequests").asInt(500);
        int concurrency = Math.max(1, step.path("concurrency").asInt(10));
        Map<String, Integer> counts = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try (GatewayClient client = clients.open(request)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                answers.add(pool.submit(() -> backendOf(client, request.withHeader("X-Jitter", UUID.randomUUID().toString()), step)));
            }
            for (Future<String> answer : answers) {
                String backend = answer.get();
                if (backend.startsWith("!")) {
                    return Optional.of(backend.substring(1));
                }
                counts.merge(backend, 1, Integer::sum);
            }
        } catch (Exception e) {
            return Optional.of("distribution run failed: " + e.getMessage());
        } finally {
            pool.shutdownNow();
        }
        return compare(counts, total, step);
    }

    /** The backend name of one answer, or "!" + why the answer does not meet the expectation. */
    private static String backendOf(GatewayClient client, GatewayRequest request, JsonNode step) {
        try {
            CapturedResponse response = client.send(request);
            Optional<String> miss = ResponseExpectation.mismatch(step.path("expect"), request.method(), response);
            if (miss.isPresent()) {
                return "!" + miss.get();
            }
            String pod = response.echo() == null ? "" : response.echo().path("pod").asText();
            String[] parts = pod.split("-");
            return parts.length <= 2 ? pod : String.join("-", List.of(parts).subList(0, parts.length - 2));
        } catch (IOException e) {
            return "!request failed: " + e.getMessage();
        }
    }

    private static Optional<String> compare(Map<String, Integer> counts, int total, JsonNode step) {
        double tolerance = step.path("tolerance").asDouble(0.05);
        Map<String, Double> weights = new TreeMap<>();
        step.path("expectedWeights").fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (weights.isEmpty() || sum <= 0 || weights.values().stream().anyMatch(w -> w < 0)) {
            return Optional.of("expectedWeights must name backends with non-negative weights and a positive sum, got "
                    + step.path("expectedWeights"));
        }
        weights.replaceAll((backend, weight) -> weight / sum);
        for (String backend : counts.keySet()) {
            if (!weights.containsKey(backend)) {
                return Optional.of("backend " + backend + " got " + counts.get(backend) + " requests but has no expected weight; counts " + counts);
            }
        }
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            int count = counts.getOrDefault(weight.getKey(), 0);
            double share = (double) count / total;
            if (weight.getValue() == 0 && count > 0 || Math.abs(share - weight.getValue()) > tolerance) {
                return Optional.of(String.format("backend %s got %.3f of the requests, expected %.3f ± %.3f; counts %s",
                        weight.getKey(), share, weight.getValue(), tolerance, counts));
            }
        }
        return Optional.empty();
    }
}
