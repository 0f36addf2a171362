package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.SortedSet;

/**
 * A Gateway listener after validation.
 *
 * @param hostname           null when the listener accepts every hostname
 * @param certificateSecrets the Secrets of {@code tls.certificateRefs} that resolved (HTTPS only), in spec order
 * @param conditions         Accepted, Conflicted, Programmed, ResolvedRefs
 * @param attachedRoutes     the HTTPRoutes attached to this listener
 */
public record ListenerView(String name, int port, String protocol, String hostname,
                           List<ResourceKey> certificateSecrets, List<RouteKind> supportedKinds,
                           List<Condition> conditions, SortedSet<ResourceKey> attachedRoutes) {

    /** Accepted and Programmed: the data plane should serve it. */
    public boolean ready() {
        return Conditions.isTrue(conditions, Conditions.ACCEPTED) && Conditions.isTrue(conditions, Conditions.PROGRAMMED);
    }
}
