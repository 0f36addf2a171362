package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A listener while the graph is being built: validated first, then routes attach to it. */
final class ListenerState {
    final Listener spec;
    final List<Condition> conditions = new ArrayList<>();
    final List<RouteKind> supportedKinds = new ArrayList<>();
    final List<ResourceKey> certificateSecrets = new ArrayList<>();
    final SortedSet<ResourceKey> attachedRoutes = new TreeSet<>();

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
                java.util.Collections.unmodifiableSortedSet(new TreeSet<>(attachedRoutes)));
    }
}
