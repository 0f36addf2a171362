package dev.portolan.snapshot;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.store.StoreSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Gateways get their addresses (written to {@code status.addresses}): embedded mode hands out loopback
 * addresses itself; Kubernetes mode reads them from each Gateway's provisioned Service.
 */
@FunctionalInterface
public interface GatewayAddressing {

    /** Called once per rebuild, on the snapshot thread; returns the lookup the graph uses for that rebuild. */
    Function<ResourceKey, Optional<String>> addresses(ResourceSet resources, StoreSnapshot stored,
                                                     String controllerName);

    /** A stable 127.0.0.x per Gateway of Portolan's classes (embedded mode). */
    static GatewayAddressing loopback() {
        GatewayAddressBook book = new GatewayAddressBook();
        return (resources, stored, controllerName) -> {
            Map<String, String> assigned = book.update(resources, stored, controllerName);
            return key -> GatewayAddressBook.lookup(assigned, key);
        };
    }
}
