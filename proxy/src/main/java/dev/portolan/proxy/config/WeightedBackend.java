package dev.portolan.proxy.config;

import java.util.List;

/** A backendRef of a rule: weight 0 keeps it configured but sends it no traffic. */
public record WeightedBackend(int weight, BackendConfig backend, List<FilterConfig> filters) {
    public WeightedBackend {
        if (weight < 0) {
            throw new IllegalArgumentException("WeightedBackend.weight must be >= 0, got " + weight);
        }
        Checks.required(backend, "WeightedBackend", "backend");
        filters = Checks.list(filters, "WeightedBackend " + backend.name(), "filters");
    }
}
