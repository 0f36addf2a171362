package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ResourceKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Runs one step of a case against the implementation; a failed step throws {@link AssertionError}. */
final class StepRunner {
    /** Steps that only a real cluster can answer: they are skipped with this reason. */
    static final Map<String, String> CLUSTER_ONLY = Map.of("expectGeneratedInfrastructureMetadata",
            "needs a real cluster: expectGeneratedInfrastructureMetadata checks generated Pods/Services/ServiceAccounts");

    private final PortolanUnderTest portolan;
    private final MutationSteps mutations;
    private final StatusStep status;
    private final HttpStep http;
    private final WeightedDistributionStep weighted;
    private final MirrorDistributionStep mirrorDistribution;
    private final RepeatStep repeat;
    private final WebSocketStep webSocket;
    private long generationBeforeLastChange;

    StepRunner(PortolanUnderTest portolan, GatewayClassUnderTest gatewayClass, Collection<ResourceKey> knownKeys,
               MirrorRecordings mirrors, RunnerOptions options, String caseName) {
        this.portolan = portolan;
        this.mutations = new MutationSteps(portolan);
        this.status = new StatusStep(new ConformanceStatusChecks(portolan::object, () -> knownKeys,
                gatewayClass.controllerName()), options);
        GatewayClients clients = new GatewayClients(portolan, options.requestTimeout());
        this.http = new HttpStep(clients, mirrors, options);
        this.weighted = new WeightedDistributionStep(clients);
        this.mirrorDistribution = new MirrorDistributionStep(clients, mirrors, options);
        this.repeat = new RepeatStep(clients);
        this.webSocket = new WebSocketStep(clients, options, caseName);
    }

    /** Why this step is not run, or empty. */
    Optional<String> skipReason(JsonNode step) {
        String type = step.path("type").asText();
        return CLUSTER_ONLY.containsKey(type) ? Optional.of(CLUSTER_ONLY.get(type)) : portolan.unsupportedStep(step);
    }

    /** @return the key of an object the step created, if it created one (the case must delete it afterwards) */
    Optional<ResourceKey> run(JsonNode step) {
        String type = step.path("type").asText();
        if (ConformanceCase.MUTATION_STEPS.contains(type)) {
            ResourceKey key = ObjectReferences.keyOfReference(step.path("object"));
            generationBeforeLastChange = mutations.run(step);
            return type.equals("apply") && generationBeforeLastChange == 0 ? Optional.of(key) : Optional.empty();
        }
        switch (type) {
            case "expectGenerationChanged" -> generationChanged(step);
            case "http" -> http.run(step);
            case "weightedDistribution" -> weighted.run(step);
            case "mirrorDistribution" -> mirrorDistribution.run(step);
            case "repeat" -> repeat.run(step);
            case "websocket" -> webSocket.run(step);
            default -> {
                if (!ConformanceStatusChecks.STATUS_STEPS.contains(type)) {
                    throw new AssertionError("unknown step type " + type);
                }
                status.run(step);
            }
        }
        return Optional.empty();
    }

    private void generationChanged(JsonNode step) {
        ResourceKey key = ObjectReferences.keyOfReference(step.path("object"));
        long now = portolan.object(key).orElseThrow(() -> new AssertionError(key + " does not exist"))
                .path("metadata").path("generation").asLong();
        if (now == generationBeforeLastChange) {
            throw new AssertionError(key + " metadata.generation is still " + now + " after the change");
        }
    }
}
