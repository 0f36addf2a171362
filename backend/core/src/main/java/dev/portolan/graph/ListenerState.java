package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.ArrayList;
import java.util.List;
import org.pcollections.TreePSet;

/** A listener while the graph is being built: validated first, then routes attach to it. */
final class ListenerState {
    final Listener spec;
    final List<Condition> conditions = new ArrayList<>();
    final List<RouteKind> supportedKinds = new ArrayList<>();
    final List<ResourceKey> certificateSecrets = new ArrayList<>();
    /** Persistent: a view takes it as it is, and a patch that attaches one route adds O(log n) nodes. */
    TreePSet<ResourceKey> attachedRoutes = TreePSet.empty();

    ListenerState(Listener spec) {
        this.spec = spec;
    }

    String name() {
        return spec.getName();
    }

    int port() {
        return spec.getPort() == null ? 0 : spec.getPort();
    }

    boolean accepted() {
        return Conditions.isTrue(conditions, Conditions.ACCEPTED);
    }

    ListenerView toView() {
        return new ListenerView(name(), port(), spec.getProtocol(),
                spec.getHostname() == null || spec.getHostname().isEmpty() ? null : spec.getHostname(),
                List.copyOf(certificateSecrets), List.copyOf(supportedKinds), List.copyOf(conditions),
                attachedRoutes);
    }
}
