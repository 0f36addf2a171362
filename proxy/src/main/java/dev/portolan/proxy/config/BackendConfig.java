package dev.portolan.proxy.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A resolved backend (e.g. Service {@code ns/name:port}).
 *
 * @param tls null means plain HTTP to the backend
 * @param problem non-null when the backend could not be resolved (the proxy answers 500 for it)
 */
public record BackendConfig(
        String name, List<Endpoint> endpoints, BackendProtocol protocol, UpstreamTls tls, String problem) {
    public BackendConfig {
        Checks.requiredText(name, "BackendConfig", "name");
        endpoints = Checks.list(endpoints, "BackendConfig " + name, "endpoints");
        Checks.required(protocol, "BackendConfig " + name, "protocol");
    }

    /** True when requests can be sent: resolved, and TLS (if any) usable. */
    @JsonIgnore
    public boolean isUsable() {
        return problem == null && (tls == null || tls.problem() == null);
    }
}
