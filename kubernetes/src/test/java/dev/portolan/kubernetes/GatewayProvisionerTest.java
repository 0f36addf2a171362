package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphBuilder;
import dev.portolan.graph.GraphOptions;
import dev.portolan.kubernetes.provision.GatewayProvisioner;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayProvisionerTest {
    private static final String GATEWAY_NAME = "gateway.networking.k8s.io/gateway-name";
    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: apps}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: other}
            spec: {controllerName: example.com/other}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: apps}
            spec:
              gatewayClassName: portolan
              infrastructure:
                labels: {team: blue}
                annotations: {cost-center: "42"}
              listeners:
              - {name: http, protocol: HTTP, port: 80}
              - {name: alt, protocol: HTTP, port: 8080}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: foreign, namespace: apps}
            spec:
              gatewayClassName: other
              listeners:
              - {name: http, protocol: HTTP, port: 80}
            """;

    private MockApiServer cluster;
    private GatewayProvisioner provisioner;

    @BeforeEach
    void start() {
        cluster = new MockApiServer();
        cluster.create(CLUSTER);
        provisioner = new GatewayProvisioner(cluster.client(), ProvisionSettings.defaults("http://portolan:8080"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aGatewayGetsServiceAccountDeploymentAndServiceWithItsLabelsAndOwner() {
        GatewayProvisioner.Outcome outcome = reconcile();

        assertEquals(List.of("Deployment/apps/portolan-gw", "Service/apps/portolan-gw",
                "ServiceAccount/apps/portolan-gw"), outcome.written());
        String uid = cluster.read("gateway.networking.k8s.io/v1", "Gateway", "apps", "gw")
                .path("metadata").path("uid").asText();
        for (HasMetadata object : generated()) {
            assertNotNull(object, "generated object missing");
            assertEquals("blue", object.getMetadata().getLabels().get("team"), object.getKind());
            assertEquals("gw", object.getMetadata().getLabels().get(GATEWAY_NAME), object.getKind());
            assertEquals("42", object.getMetadata().getAnnotations().get("cost-center"), object.getKind());
            OwnerReference owner = object.getMetadata().getOwnerReferences().get(0);
            assertEquals(List.of("Gateway", "gw", uid, true),
                    List.of(owner.getKind(), owner.getName(), owner.getUid(), owner.getController()));
        }
        Deployment deployment = (Deployment) generated().get(1);
        assertEquals("blue", deployment.getSpec().getTemplate().getMetadata().getLabels().get("team"));
        assertEquals("gw", deployment.getSpec().getTemplate().getMetadata().getLabels().get(GATEWAY_NAME));
        assertEquals(List.of("dev.portolan.proxy.ProxyMain", "--config-url", "http://portolan:8080",
                "--gateway", "apps/gw", "--bind-address", "0.0.0.0",
                "--token-file", "/var/run/secrets/portolan.dev/serviceaccount/token", "--insecure-plaintext",
                "--admin-address", "0.0.0.0", "--admin-port", "9901"),
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals(false, deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken());
        assertEquals("portolan-gw", deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(List.of(80, 8080), cluster.client().services().inNamespace("apps").withName("portolan-gw").get()
                .getSpec().getPorts().stream().map(p -> p.getPort()).toList());
        assertNull(cluster.client().apps().deployments().inNamespace("apps").withName("portolan-foreign").get(),
                "a Gateway of another controller's class is not provisioned");
    }

    @Test
    void nothingIsRewrittenWhenNothingChanged() {
        reconcile();
        List<String> versions = resourceVersions();

        GatewayProvisioner.Outcome again = reconcile();

        assertEquals(List.of(), again.written());
        assertEquals(versions, resourceVersions());
    }

    @Test
    void changingTheGatewaysLabelsUpdatesEveryGeneratedObject() {
        reconcile();
        editGateway(gateway -> {
            ObjectNode labels = (ObjectNode) gateway.with("spec").with("infrastructure").with("labels");
            labels.remove("team");
            labels.put("tier", "edge");
        });

        GatewayProvisioner.Outcome outcome = reconcile();

        assertEquals(3, outcome.written().size(), outcome.toString());
        for (HasMetadata object : generated()) {
            assertEquals("edge", object.getMetadata().getLabels().get("tier"), object.getKind());
            assertNull(object.getMetadata().getLabels().get("team"), object.getKind());
        }
        Map<String, String> podLabels = ((Deployment) generated().get(1)).getSpec().getTemplate().getMetadata()
                .getLabels();
        assertEquals("edge", podLabels.get("tier"));
        assertNull(podLabels.get("team"));
    }

    @Test
    void aDriftedDeploymentIsPutBackInShape() {
        reconcile();
        Deployment drifted = new DeploymentBuilder(cluster.client().apps().deployments().inNamespace("apps")
                .withName("portolan-gw").get())
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("someone-else:1").endContainer()
                .endSpec().endTemplate().endSpec().build();
        cluster.client().resource(drifted).update();

        assertEquals(List.of("Deployment/apps/portolan-gw"), reconcile().written());
        assertEquals("portolan:latest", ((Deployment) generated().get(1)).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage());
    }

    @Test
    void deletingTheGatewayRemovesItsObjectsAndLeavesOthersAlone() {
        reconcile();
        cluster.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("portolan-unrelated")
                .withNamespace("apps").addToLabels(GATEWAY_NAME, "gw").endMetadata().build()).create();
        cluster.client().genericKubernetesResources(MockApiServer.context(
                        cluster.read("gateway.networking.k8s.io/v1", "Gateway", "apps", "gw")))
                .inNamespace("apps").withName("gw").delete();

        GatewayProvisioner.Outcome outcome = reconcile();

        assertEquals(List.of("Deployment/apps/portolan-gw", "Service/apps/portolan-gw",
                "ServiceAccount/apps/portolan-gw"), outcome.deleted());
        generated().forEach(object -> assertNull(object, "generated object left behind"));
        assertNotNull(cluster.client().serviceAccounts().inNamespace("apps").withName("portolan-unrelated").get(),
                "an object without the provisioner's managed-by label is not ours to delete");
    }

    @Test
    void aNamespaceScopedProvisionerLeavesOtherNamespacesAlone() {
        reconcile();
        provisioner = new GatewayProvisioner(cluster.client(), ProvisionSettings.defaults("http://portolan:8080"),
                List.of("elsewhere"));
        cluster.client().genericKubernetesResources(MockApiServer.context(
                        cluster.read("gateway.networking.k8s.io/v1", "Gateway", "apps", "gw")))
                .inNamespace("apps").withName("gw").delete();

        assertEquals(List.of(), reconcile().deleted());
        generated().forEach(object -> assertNotNull(object, "object outside the scoped namespaces was deleted"));
    }

    @Test
    void withAConfigChannelCaTheProxyGetsItInAConfigMapOfItsNamespaceRemovedWithTheGateway() {
        provisioner = new GatewayProvisioner(cluster.client(),
                ProvisionSettings.defaults("https://portolan:8443").withControlPlaneCa("-----BEGIN CERTIFICATE-----"));
        assertEquals(List.of("ConfigMap/apps/portolan-gw", "Deployment/apps/portolan-gw", "Service/apps/portolan-gw",
                "ServiceAccount/apps/portolan-gw"), reconcile().written());
        var configMap = cluster.client().configMaps().inNamespace("apps").withName("portolan-gw").get();
        assertEquals("-----BEGIN CERTIFICATE-----", configMap.getData().get("ca.crt"));
        assertEquals(List.of(), reconcile().written(), "nothing rewritten while nothing changed");

        cluster.client().genericKubernetesResources(MockApiServer.context(
                        cluster.read("gateway.networking.k8s.io/v1", "Gateway", "apps", "gw")))
                .inNamespace("apps").withName("gw").delete();
        assertTrue(reconcile().deleted().contains("ConfigMap/apps/portolan-gw"));
        assertNull(cluster.client().configMaps().inNamespace("apps").withName("portolan-gw").get());
    }

    /** What the store would hand the provisioner: the cluster's objects, their graph. */
    private GatewayProvisioner.Outcome reconcile() {
        List<JsonNode> manifests = new ArrayList<>();
        cluster.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "GatewayClass").list().getItems()
                .forEach(r -> manifests.add(json(r)));
        cluster.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway").inAnyNamespace().list()
                .getItems().forEach(r -> manifests.add(json(r)));
        cluster.client().namespaces().list().getItems().forEach(n -> manifests.add(
                cluster.read("v1", "Namespace", null, n.getMetadata().getName())));
        ResourceSet resources = ResourceSet.of(manifests);
        var graph = GraphBuilder.build(resources, new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER,
                Instant.EPOCH, key -> Optional.empty()));
        return provisioner.reconcile(resources, graph);
    }

    private JsonNode json(GenericKubernetesResource resource) {
        try {
            return dev.portolan.model.Manifests.JSON.readTree(cluster.client().getKubernetesSerialization()
                    .asJson(resource));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void editGateway(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode gateway = cluster.read("gateway.networking.k8s.io/v1", "Gateway", "apps", "gw");
        change.accept(gateway);
        GenericKubernetesResource resource = cluster.client().getKubernetesSerialization()
                .unmarshal(gateway.toString(), GenericKubernetesResource.class);
        cluster.client().genericKubernetesResources(MockApiServer.context(gateway)).inNamespace("apps")
                .resource(resource).update();
    }

    /** ServiceAccount, Deployment, Service of Gateway apps/gw as the server has them (null when absent). */
    private List<HasMetadata> generated() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(cluster.client().serviceAccounts().inNamespace("apps").withName("portolan-gw").get());
        objects.add(cluster.client().apps().deployments().inNamespace("apps").withName("portolan-gw").get());
        objects.add(cluster.client().services().inNamespace("apps").withName("portolan-gw").get());
        return objects;
    }

    private List<String> resourceVersions() {
        List<HasMetadata> objects = generated();
        assertTrue(objects.stream().allMatch(o -> o != null), "generated objects exist");
        return objects.stream().map(o -> o.getMetadata().getResourceVersion()).toList();
    }
}
