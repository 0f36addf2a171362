package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.invoker.ApiClient;
import dev.portolan.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seed's gwctl examples against Portolan in Kubernetes mode, on fabric8's mock API server holding
 * deploy/examples/gwctl as kubectl apply would leave it: the same golden output as embedded mode.
 */
class GwctlExamplesKubernetesModeTest {
    private static final List<String> CLUSTER_PROPERTIES = List.of("kubernetes.master",
            "kubernetes.trust.certificates", "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount");

    @Test
    void theSeedsGwctlExamplesPrintTheSameGoldenOutput() throws Exception {
        try (MockApiServer cluster = new MockApiServer()) {
            load(cluster);
            // what the kubeconfig would say; fabric8's auto-configuration reads these before ~/.kube/config
            System.setProperty("kubernetes.master", cluster.client().getMasterUrl().toString());
            System.setProperty("kubernetes.trust.certificates", "true");
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "portolan.mode", "kubernetes",
                    "micronaut.server.port", -1,
                    "portolan.kubernetes.lease-namespace", "default",
                    "portolan.kubernetes.identity", "cli-test",
                    "portolan.kubernetes.reconcile-period", "1s",
                    "portolan.api.write-token", EmbeddedPortolan.TOKEN));
            try {
                String url = server.getURL().toString();
                JsonNode summary = Json.tree(new DefaultApi(new ApiClient(HttpClient.newBuilder(),
                        ApiClient.createDefaultObjectMapper(), url)).summary());
                assertEquals("kubernetes", summary.path("mode").asText(), "Portolan reads the cluster: " + summary);
                GwctlExamples.awaitLoaded(url);
                GwctlExamples.assertAllMatchGolden(url);
            } finally {
                // Portolan first, so that its watches close before the mock server goes
                server.getApplicationContext().close();
                CLUSTER_PROPERTIES.forEach(System::clearProperty);
            }
        }
    }

    /**
     * The Gateway API CRDs in the one version the examples use (the mock converts nothing), then the examples'
     * files in order, each object in its CRD's scope, namespaced ones defaulting to "default" as kubectl's would.
     */
    private static void load(MockApiServer cluster) throws IOException {
        String gw = "gateway.networking.k8s.io";
        cluster.create(MockApiServer.crd(gw, "GatewayClass", false, List.of("v1beta1"), null));
        cluster.create(MockApiServer.crd(gw, "Gateway", true, List.of("v1beta1"), null));
        cluster.create(MockApiServer.crd(gw, "HTTPRoute", true, List.of("v1beta1"), null));
        cluster.create(MockApiServer.crd(gw, "ReferenceGrant", true, List.of("v1beta1"), null));
        cluster.create(MockApiServer.crd(gw, "BackendTLSPolicy", true, List.of("v1"), null));
        cluster.create("{apiVersion: v1, kind: Namespace, metadata: {name: default}}");

        Path folder = Path.of(System.getProperty("portolan.examples", "../deploy/examples")).resolve("gwctl");
        List<ObjectNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(MockApiServer.documents(Files.readString(file)));
            }
        }
        Map<String, Boolean> namespacedByKind = new HashMap<>();
        for (ObjectNode document : documents) {
            if (document.path("kind").asText().equals("CustomResourceDefinition")) {
                namespacedByKind.put(document.at("/spec/names/kind").asText(),
                        !"Cluster".equals(document.at("/spec/scope").asText()));
            }
        }
        for (ObjectNode document : documents) {
            String kind = document.path("kind").asText();
            ResourceDefinitionContext base = MockApiServer.context(document);
            boolean namespaced = namespacedByKind.getOrDefault(kind, base.isNamespaceScoped());
            ObjectNode metadata = (ObjectNode) document.get("metadata");
            if (namespaced && !metadata.hasNonNull("namespace")) {
                metadata.put("namespace", "default");
            }
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(base.getGroup())
                    .withVersion(base.getVersion()).withKind(kind).withPlural(base.getPlural())
                    .withNamespaced(namespaced).build();
            GenericKubernetesResource resource = cluster.client().getKubernetesSerialization()
                    .unmarshal(document.toString(), GenericKubernetesResource.class);
            var operation = cluster.client().genericKubernetesResources(context);
            (namespaced ? operation.inNamespace(metadata.path("namespace").asText()).resource(resource)
                    : operation.resource(resource)).create();
        }
    }
}
