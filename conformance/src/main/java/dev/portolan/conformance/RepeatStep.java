package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code repeat}: the request sent {@code count} times; every answer must be 200, meet {@code expect} when the step
 * has one, and satisfy the {@code assert} sentence ({@link EchoAssertion}).
 */
final class RepeatStep {
    private final GatewayClients clients;

    RepeatStep(GatewayClients clients) {
        this.clients = clients;
    }

    void run(JsonNode step) {
        int count = step.path("count").asInt(0);
        if (count < 1) {
            throw new AssertionError("repeat: count must be at least 1, got " + step.path("count"));
        }
        EchoAssertion assertion = EchoAssertion.parse(step.path("assert").asText(""));
        GatewayRequest request = GatewayRequest.from(step);
        try (GatewayClient client = clients.open(request)) {
            for (int i = 1; i <= count; i++) {
                CapturedResponse response;
                try {
                    response = client.send(request);
                } catch (IOException e) {
                    throw new AssertionError("repeat: request " + i + " of " + count + " failed: " + e.getMessage(), e);
                }
                if (response.status() != 200) {
                    throw new AssertionError("repeat: answer " + i + " of " + count + " has status " + response.status()
                            + ", expected 200");
                }
                Optional<String> miss = step.has("expect")
                        ? ResponseExpectation.mismatch(step.get("expect"), request.method(), response)
                        : Optional.empty();
                if (miss.isEmpty()) {
                    miss = assertion.mismatch(response.echo());
                }
                if (miss.isPresent()) {
                    throw new AssertionError("repeat: answer " + i + " of " + count + ": " + miss.get());
                }
            }
        }
    }
}
