package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane alone: objects in memory, statuses from the pure {@link ControlPlanePipeline}, no data plane.
 * Every data-plane step is declared unsupported, so a run checks exactly the status behaviour.
 */
public final class PureStatusPortolan implements PortolanUnderTest {
    public static final String NAME = "pure-status";
    static final String NO_DATA_PLANE = "status-only implementation (no data plane)";

    private final ConformanceObjects objects = new ConformanceObjects();
    private final Map<ResourceKey, String> addresses = new HashMap<>();
    private final String controllerName;
    private ComputedState state;

    public PureStatusPortolan(String controllerName) {
        this.controllerName = controllerName;
    }

    @Override
    public synchronized void apply(ObjectNode manifest) {
        objects.apply(manifest);
        state = null;
    }

    @Override
    public synchronized void delete(ResourceKey key) {
        objects.delete(key);
        state = null;
    }

    @Override
    public synchronized Optional<ObjectNode> object(ResourceKey key) {
        return objects.find(key).map(object -> {
            JsonNode status = computed().statuses().get(key);
            if (status != null) {
                object.set("status", status.deepCopy());
            }
            return object;
        });
    }

    @Override
    public InetSocketAddress listenerAddress(ResourceKey gateway, int specPort) {
        throw new UnsupportedOperationException(NO_DATA_PLANE + ": " + gateway + " port " + specPort + " has no listener");
    }

    @Override
    public Optional<String> unsupportedStep(JsonNode step) {
        return ConformanceCase.DATA_PLANE_STEPS.contains(step.path("type").asText()) ? Optional.of(NO_DATA_PLANE) : Optional.empty();
    }

    @Override
    public void close() {
        // nothing runs
    }

    private ComputedState computed() {
        if (state == null) {
            // a distinct loopback address per Gateway, stable for the run (README section 2.4)
            state = ControlPlanePipeline.compute(objects.resourceSet(), new GraphOptions(controllerName, Instant.now(),
                    key -> Optional.of(addresses.computeIfAbsent(key, k -> "127.0.0." + (addresses.size() + 1)))));
        }
        return state;
    }

    /** The ServiceLoader entry for {@code --implementation pure-status}. */
    public static final class Provider implements PortolanUnderTestProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PortolanUnderTest start(GatewayClassUnderTest gatewayClass) {
            return new PureStatusPortolan(gatewayClass.controllerName());
        }
    }
}
