package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.WeightedBackend;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Weighted random choice of a rule's backend, then round-robin over that backend's endpoints. */
final class BackendPicker {

    private final ConcurrentHashMap<String, AtomicInteger> nextEndpoint = new ConcurrentHashMap<>();

    /** @return the chosen backend, or null when no backend has a positive weight */
    WeightedBackend pick(List<WeightedBackend> backends) {
        int total = 0;
        for (WeightedBackend b : backends) {
            total += b.weight();
        }
        if (total <= 0) {
            return null;
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (WeightedBackend b : backends) {
            ticket -= b.weight();
            if (ticket < 0) {
                return b;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }

    /** @return the next endpoint of the backend, or null when it has none */
    Endpoint endpoint(BackendConfig backend) {
        List<Endpoint> endpoints = backend.endpoints();
        if (endpoints.isEmpty()) {
            return null;
        }
        if (endpoints.size() == 1) {
            return endpoints.get(0);
        }
        AtomicInteger counter = nextEndpoint.computeIfAbsent(backend.name(), n -> new AtomicInteger());
        return endpoints.get(Math.floorMod(counter.getAndIncrement(), endpoints.size()));
    }
}
