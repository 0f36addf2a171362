package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Gateway of an accepted Portolan GatewayClass.
 *
 * @param addresses                  assigned addresses (empty until one is assigned)
 * @param infrastructureLabels       {@code spec.infrastructure.labels}, sorted
 * @param infrastructureAnnotations  {@code spec.infrastructure.annotations}, sorted
 */
public record GatewayView(ResourceKey key, String className, List<String> addresses,
                          Map<String, String> infrastructureLabels, Map<String, String> infrastructureAnnotations,
                          List<Condition> conditions, List<ListenerView> listeners) {

    public boolean accepted() {
        return Conditions.isTrue(conditions, Conditions.ACCEPTED);
    }

    public Optional<ListenerView> listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
