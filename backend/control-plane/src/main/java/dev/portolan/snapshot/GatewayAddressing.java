package dev.portolan.snapshot;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.store.StoreSnapshot;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Gateways get their addresses (written to {@code status.addresses}): embedded mode hands out loopback
 * addresses itself ({@code dev.portolan.embedded.GatewayAddressBook#loopback}); Kubernetes mode reads them from each Gateway's provisioned Service.
 */
@FunctionalInterface
public interface GatewayAddressing {

    /** Called once per rebuild, on the snapshot thread; returns the lookup the graph uses for that rebuild. */
    Function<ResourceKey, Optional<String>> addresses(ResourceSet resources, StoreSnapshot stored,
                                                     String controllerName);
}
