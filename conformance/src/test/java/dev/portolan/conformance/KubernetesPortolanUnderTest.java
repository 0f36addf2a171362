package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.MockApiServer;
import dev.portolan.kubernetes.mode.InProcessProxy;
import dev.portolan.kubernetes.mode.KubernetesControlPlane;
import dev.portolan.kubernetes.mode.KubernetesModeOptions;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.embedded.GatewayAddressBook;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Portolan in Kubernetes mode against fabric8's mock API server (CRUD mode, real HTTP and watches): the runner
 * writes the cases' objects to the API server through a fabric8 client and reads them back from it, status included
 * (as the KubernetesStore wrote it through the status subresource); the store's informers are the only way Portolan
 * learns of them. Portolan runs as the application runs it ({@link KubernetesControlPlane}), with the options for
 * running off a cluster's network: the in-process proxy instead of provisioned ones, so Gateways get 127.0.0.x
 * addresses and listener ports shifted by {@link EmbeddedPortolanUnderTest#PORT_OFFSET}; one replica, no Lease.
 */
final class KubernetesPortolanUnderTest implements PortolanUnderTest {
    /** The Gateway API kinds Portolan reads, all in v1 as the cases write them. */
    private static final List<String> GATEWAY_API_KINDS = List.of("GatewayClass", "Gateway", "HTTPRoute",
            "ReferenceGrant", "BackendTLSPolicy");
    private static final Path TIMEOUT_POLICY_CRD = RepositoryFolders.root()
            .resolve("deploy/crds/timeoutpolicies.gateway.portolan.dev.yaml");

    private final MockApiServer apiServer;
    private final KubernetesClient storeClient;
    private final KubernetesControlPlane portolan;
    /** The apiVersion each object was written in (the mock keeps objects in the version they were written in). */
    private final Map<ResourceKey, String> apiVersions = new ConcurrentHashMap<>();

    private KubernetesPortolanUnderTest(MockApiServer apiServer, KubernetesClient storeClient,
                                        KubernetesControlPlane portolan) {
        this.apiServer = apiServer;
        this.storeClient = storeClient;
        this.portolan = portolan;
    }

    static KubernetesPortolanUnderTest start(GatewayClassUnderTest gatewayClass) throws Exception {
        MockApiServer apiServer = new MockApiServer();
        KubernetesClient storeClient = null;
        try {
            installCrds(apiServer);
            storeClient = apiServer.newClient();
            KubernetesControlPlane portolan = KubernetesControlPlane.start(storeClient, options(gatewayClass), false);
            return new KubernetesPortolanUnderTest(apiServer, storeClient, portolan);
        } catch (Exception | Error e) {
            if (storeClient != null) {
                storeClient.close();
            }
            apiServer.close();
            throw e;
        }
    }

    /** All namespaces, nothing provisioned, no leader election: the only replica writes status. */
    private static KubernetesModeOptions options(GatewayClassUnderTest gatewayClass) {
        KubernetesStoreOptions store = new KubernetesStoreOptions(List.of(), gatewayClass.controllerName(),
                KubernetesStoreOptions.allNamespaces().resyncMillis());
        Duration reconcilePeriod = Duration.ofMinutes(1); // required, unused: nothing is provisioned
        return new KubernetesModeOptions(store, Optional.empty(), Optional.empty(), reconcilePeriod)
                .withAddressing(GatewayAddressBook.loopback())
                .withInProcessProxy(new InProcessProxy(HttpForwarder::new, EmbeddedPortolanUnderTest.PORT_OFFSET,
                        -1));
    }

    /**
     * What a cluster prepared for Portolan has: the Gateway API CRDs (schema-less stand-ins: the mock validates
     * nothing) with their status subresource, BackendTLSPolicy's labelled as a direct policy as upstream labels
     * it, and Portolan's own TimeoutPolicy CRD as deployed.
     */
    private static void installCrds(MockApiServer apiServer) throws IOException {
        for (String kind : GATEWAY_API_KINDS) {
            apiServer.create(MockApiServer.crd(ApiGroups.GATEWAY, kind, !kind.equals("GatewayClass"), List.of("v1"),
                    kind.equals("BackendTLSPolicy") ? "Direct" : null));
        }
        apiServer.create(Files.readString(TIMEOUT_POLICY_CRD));
    }

    @Override
    public void apply(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion"); // apply, not replace: the runner has no version to hold against
        }
        ObjectNode written = apiServer.apply(copy);
        apiVersions.put(Manifests.keyOf(written), written.path("apiVersion").asText());
    }

    @Override
    public void delete(ResourceKey key) {
        apiServer.delete(key, apiVersion(key));
    }

    @Override
    public Optional<ObjectNode> object(ResourceKey key) {
        return apiServer.read(key, apiVersion(key));
    }

    /** The version the object was written in, else the one Portolan reads its kind in. */
    private String apiVersion(ResourceKey key) {
        String known = apiVersions.get(key);
        if (known != null) {
            return known;
        }
        if (key.group().equals(ApiGroups.GATEWAY)) {
            return ApiGroups.GATEWAY + "/v1";
        }
        var served = portolan.store().servedKinds().get(key.groupKind());
        if (served != null) {
            return served.apiVersion();
        }
        throw new IllegalArgumentException(key + ": no apiVersion known for " + key.groupKind());
    }

    @Override
    public InetSocketAddress listenerAddress(ResourceKey gateway, int specPort) {
        String address = object(gateway)
                .map(o -> o.path("status").path("addresses"))
                .flatMap(KubernetesPortolanUnderTest::firstAddress)
                .orElseThrow(() -> new IllegalStateException(gateway + " has no address in its status yet"));
        return new InetSocketAddress(address, specPort + EmbeddedPortolanUnderTest.PORT_OFFSET);
    }

    private static Optional<String> firstAddress(JsonNode addresses) {
        for (JsonNode address : addresses) {
            if (!address.path("value").asText("").isEmpty()) {
                return Optional.of(address.path("value").asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            portolan.close();
        } finally {
            storeClient.close();
            apiServer.close();
        }
    }
}
