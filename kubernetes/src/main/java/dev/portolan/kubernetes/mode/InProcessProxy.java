package dev.portolan.kubernetes.mode;

import dev.portolan.proxy.forward.Forwarder;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The proxy run in the control plane's own JVM, as embedded mode runs it, instead of provisioned proxy pods: for
 * running Kubernetes mode without a cluster's network (the conformance cases against the mock API server), where
 * Gateways need addresses this machine can listen on.
 *
 * @param forwarders makes the proxy's forwarder when the control plane starts (a forwarder owns HTTP clients, so
 *                   settings hold how to make one, not one)
 * @param portOffset added to every listener port (80 becomes 80 + offset) so that ports below 1024 need no root
 * @param adminPort  the proxy admin endpoint's port on 127.0.0.1; 0 = any free port, -1 = off
 */
public record InProcessProxy(Supplier<Forwarder> forwarders, int portOffset, int adminPort) {
    public InProcessProxy {
        Objects.requireNonNull(forwarders, "forwarders");
        if (portOffset < 0 || portOffset > 65535) {
            throw new IllegalArgumentException("in-process proxy: portOffset must be in 0..65535, got " + portOffset);
        }
        if (adminPort < -1 || adminPort > 65535) {
            throw new IllegalArgumentException("in-process proxy: adminPort must be -1 (off), 0 (any free port) or a "
                    + "port up to 65535, got " + adminPort);
        }
    }
}
