package dev.portolan.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.snapshot.GatewayAddressing;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Embedded mode gives each Gateway of Portolan's classes its own loopback address (127.0.0.x) so that Gateways
 * sharing port 80 stay apart. Assignments are stable: kept across rebuilds, and across restarts by reading the
 * address back from the Gateway's stored status. Not thread-safe: used by the snapshot thread only.
 */
public final class GatewayAddressBook {
    private Map<String, String> assigned = new HashMap<>();
    private boolean seeded;

    /** A stable 127.0.0.x per Gateway of Portolan's classes (embedded mode). */
    public static GatewayAddressing loopback() {
        GatewayAddressBook book = new GatewayAddressBook();
        return (resources, stored, controllerName) -> {
            Map<String, String> assigned = book.update(resources, stored, controllerName);
            return key -> GatewayAddressBook.lookup(assigned, key);
        };
    }

    /** Updates assignments for the current Gateways and returns the lookup the graph uses. */
    Map<String, String> update(ResourceSet resources, StoreSnapshot store, String controllerName) {
        Set<String> ourClasses = resources.gatewayClasses().stream()
                .filter(c -> controllerName.equals(c.getSpec().getControllerName()))
                .map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        List<String> ours = resources.gateways().stream()
                .filter(g -> ourClasses.contains(g.getSpec().getGatewayClassName()))
                .map(g -> g.getMetadata().getNamespace() + "/" + g.getMetadata().getName())
                .sorted()
                .toList();
        if (!seeded) {
            assigned = seedFromStatus(store, ours);
            seeded = true;
        }
        assigned = new HashMap<>(LoopbackAddresses.allocate(assigned, ours));
        return Map.copyOf(assigned);
    }

    static Optional<String> lookup(Map<String, String> addresses, ResourceKey gateway) {
        return Optional.ofNullable(addresses.get(gateway.namespace() + "/" + gateway.name()));
    }

    private static Map<String, String> seedFromStatus(StoreSnapshot store, List<String> gateways) {
        Map<String, String> seeded = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (String gateway : gateways) {
            String[] parts = gateway.split("/", 2);
            StoredObject stored = store.byKey().get(
                    ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, parts[0], parts[1]));
            if (stored == null || stored.status() == null) {
                continue;
            }
            for (JsonNode address : stored.status().path("addresses")) {
                String value = address.path("value").asText("");
                if (value.startsWith("127.0.0.") && taken.add(value)) {
                    seeded.put(gateway, value);
                    break;
                }
            }
        }
        return seeded;
    }
}
