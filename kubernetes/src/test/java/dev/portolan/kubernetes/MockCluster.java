package dev.portolan.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** fabric8's mock API server in CRUD mode (real HTTP, watches over WebSocket) and a client for it. */
final class MockCluster implements AutoCloseable {
    private static final Map<String, String> PLURALS = Map.ofEntries(
            Map.entry("Namespace", "namespaces"), Map.entry("Service", "services"),
            Map.entry("ConfigMap", "configmaps"), Map.entry("Secret", "secrets"),
            Map.entry("EndpointSlice", "endpointslices"),
            Map.entry("CustomResourceDefinition", "customresourcedefinitions"),
            Map.entry("GatewayClass", "gatewayclasses"), Map.entry("Gateway", "gateways"),
            Map.entry("HTTPRoute", "httproutes"), Map.entry("ReferenceGrant", "referencegrants"),
            Map.entry("BackendTLSPolicy", "backendtlspolicies"), Map.entry("TimeoutPolicy", "timeoutpolicies"));
    private static final List<String> CLUSTER_SCOPED = List.of("Namespace", "CustomResourceDefinition",
            "GatewayClass");

    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        // the client the application uses (JDK HTTP client), not the mock's default Vert.x one
        client = server.createClient(new JdkHttpClientFactory());
    }

    /**
     * A client like {@link #client} that reaches the server through a relay on {@code port} (see
     * {@link CuttableTcpProxy}), reconnecting watches and retrying requests after 100 ms rather than fabric8's
     * default 1 s (doubling per attempt), and giving up on a request after 2 retries rather than 10, so that tests
     * of lost connections stay short.
     */
    KubernetesClient clientVia(int port) {
        Config config = new ConfigBuilder(client.getConfiguration())
                .withMasterUrl("http://127.0.0.1:" + port + "/")
                .withWatchReconnectInterval(100)
                .withRequestRetryBackoffInterval(100)
                .withRequestRetryBackoffLimit(2)
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /** Creates every document of the YAML through the client. */
    void create(String yaml) {
        for (ObjectNode manifest : documents(yaml)) {
            GenericKubernetesResource resource = client.getKubernetesSerialization()
                    .unmarshal(manifest.toString(), GenericKubernetesResource.class);
            String namespace = manifest.path("metadata").path("namespace").asText("");
            var operation = client.genericKubernetesResources(context(manifest));
            (namespace.isEmpty() ? operation.resource(resource) : operation.inNamespace(namespace).resource(resource))
                    .create();
        }
    }

    /** An object as the server has it (with status), or null. */
    ObjectNode read(String apiVersion, String kind, String namespace, String name) {
        ObjectNode probe = Manifests.JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        var operation = client.genericKubernetesResources(context(probe));
        GenericKubernetesResource found = (namespace == null ? operation.withName(name)
                : operation.inNamespace(namespace).withName(name)).get();
        if (found == null) {
            return null;
        }
        try {
            return (ObjectNode) Manifests.JSON.readTree(client.getKubernetesSerialization().asJson(found));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResourceDefinitionContext context(JsonNode manifest) {
        String apiVersion = manifest.path("apiVersion").asText();
        String kind = manifest.path("kind").asText();
        return new ResourceDefinitionContext.Builder()
                .withGroup(ApiGroups.groupOf(apiVersion))
                .withVersion(ApiGroups.versionOf(apiVersion))
                .withKind(kind)
                .withPlural(PLURALS.get(kind))
                .withNamespaced(!CLUSTER_SCOPED.contains(kind))
                .build();
    }

    static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = Manifests.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    documents.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** A CRD of the Gateway API group (or another) serving the given versions, the first one stored. */
    static String crd(String group, String kind, boolean namespaced, List<String> versions, String policyLabel) {
        ObjectNode crd = Manifests.JSON.createObjectNode()
                .put("apiVersion", "apiextensions.k8s.io/v1")
                .put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata").put("name", PLURALS.get(kind) + "." + group);
        if (policyLabel != null) {
            metadata.putObject("labels").put(ApiGroups.POLICY_LABEL, policyLabel);
        }
        ObjectNode spec = crd.putObject("spec").put("group", group).put("scope", namespaced ? "Namespaced" : "Cluster");
        spec.putObject("names").put("kind", kind).put("plural", PLURALS.get(kind))
                .put("singular", kind.toLowerCase()).put("listKind", kind + "List");
        ArrayNode served = spec.putArray("versions");
        for (int i = 0; i < versions.size(); i++) {
            ObjectNode version = served.addObject().put("name", versions.get(i)).put("served", true)
                    .put("storage", i == 0);
            version.putObject("subresources").putObject("status");
            version.putObject("schema").putObject("openAPIV3Schema").put("type", "object")
                    .put("x-kubernetes-preserve-unknown-fields", true);
        }
        return crd.toString();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // The mock's Vert.x server sometimes needs longer than its 10 s to close lingering watch sockets;
            // the test's assertions are done by now and the next test uses a new server on a new port.
            System.err.println("mock API server did not close in time: " + e.getMessage());
        }
    }
}
