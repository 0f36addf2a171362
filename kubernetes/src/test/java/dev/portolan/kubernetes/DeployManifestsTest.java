package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes as {@code kubectl apply -k} sees it: every file of the kustomization parses as its kind with
 * fabric8's serialization, and the RBAC lets the control plane read every kind {@link KindCatalog} plans, with
 * nothing granted by wildcard.
 */
class DeployManifestsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> READ = Set.of("get", "list", "watch");

    private static Path deployDir;
    private static List<HasMetadata> objects;

    @BeforeAll
    static void load() throws IOException {
        deployDir = findDeployDir();
        JsonNode kustomization = Manifests.YAML.readTree(deployDir.resolve("kustomization.yaml").toFile());
        objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path file = deployDir.resolve(entry.asText()).normalize();
            assertTrue(Files.isRegularFile(file), "kustomization.yaml resources: " + entry.asText() + " not found");
            objects.addAll(parse(file));
        }
    }

    @Test
    void everyDocumentParsesAsItsKind() throws IOException {
        assertEquals(10, objects.size(), "documents in the kustomization's resources");
        for (HasMetadata object : objects) {
            String what = object.getKind() + " " + object.getMetadata().getName();
            assertFalse(object instanceof GenericKubernetesResource, what + " parsed as no typed kind");
            assertEquals(object.getKind(), object.getClass().getSimpleName(), what + " parsed as the wrong type");
        }
        try (var files = Files.list(deployDir)) {
            Set<String> listed = new TreeSet<>();
            for (JsonNode entry : Manifests.YAML.readTree(deployDir.resolve("kustomization.yaml").toFile())
                    .path("resources")) {
                listed.add(deployDir.resolve(entry.asText()).normalize().getFileName().toString());
            }
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(n -> assertTrue(listed.contains(n), n + " is not in kustomization.yaml resources"));
        }
    }

    @Test
    void namespacedObjectsLiveInPortolanSystem() {
        for (HasMetadata object : objects) {
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null) {
                assertEquals("portolan-system", namespace, object.getKind() + " " + object.getMetadata().getName());
            }
        }
    }

    @Test
    void rbacReadsEveryKindTheStoreReads() {
        List<PolicyRule> rules = single(ClusterRole.class).getRules();
        List<String> resources = new ArrayList<>();
        KindCatalog.BUILT_IN.forEach(k -> resources.add(k.group() + "/" + k.plural()));
        KindCatalog.GATEWAY_KINDS.forEach(k -> resources.add(ApiGroups.GATEWAY + "/" + k.plural()));
        // Portolan's policy kinds: the CRDs the kustomization installs.
        objects.stream().filter(CustomResourceDefinition.class::isInstance).map(CustomResourceDefinition.class::cast)
                .forEach(crd -> resources.add(crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getPlural()));
        assertTrue(resources.contains("gateway.portolan.dev/timeoutpolicies"), "TimeoutPolicy CRD not installed");
        for (String resource : resources) {
            String group = resource.substring(0, resource.lastIndexOf('/'));
            String plural = resource.substring(resource.lastIndexOf('/') + 1);
            for (String verb : READ) {
                assertTrue(grants(rules, group, plural, verb), "ClusterRole does not grant " + verb + " on " + resource);
            }
        }
    }

    @Test
    void rbacWritesStatusAndProvisionedObjectsOnly() {
        List<PolicyRule> rules = single(ClusterRole.class).getRules();
        for (String plural : List.of("gatewayclasses", "gateways", "httproutes", "backendtlspolicies")) {
            assertTrue(grants(rules, ApiGroups.GATEWAY, plural + "/status", "update"), plural + "/status update");
            assertTrue(grants(rules, ApiGroups.GATEWAY, plural + "/status", "patch"), plural + "/status patch");
            assertFalse(grants(rules, ApiGroups.GATEWAY, plural, "update"), plural + " spec must stay read-only");
        }
        for (String resource : List.of("/serviceaccounts", "/services", "apps/deployments")) {
            String group = resource.substring(0, resource.indexOf('/'));
            String plural = resource.substring(resource.indexOf('/') + 1);
            for (String verb : List.of("create", "update", "patch", "delete")) {
                assertTrue(grants(rules, group, plural, verb), "ClusterRole does not grant " + verb + " on " + resource);
            }
        }
        assertFalse(grants(rules, "", "secrets", "update"), "secrets must stay read-only");
        assertTrue(grants(rules, "authentication.k8s.io", "tokenreviews", "create"),
                "proxies are authenticated with TokenReviews");
        Role lease = single(Role.class);
        assertEquals("portolan-system", lease.getMetadata().getNamespace());
        for (String verb : List.of("get", "create", "update")) {
            assertTrue(grants(lease.getRules(), "coordination.k8s.io", "leases", verb), "Role: " + verb + " leases");
        }
    }

    @Test
    void rbacHasNoWildcards() {
        List<PolicyRule> all = new ArrayList<>(single(ClusterRole.class).getRules());
        all.addAll(single(Role.class).getRules());
        for (PolicyRule rule : all) {
            for (List<String> values : List.of(rule.getVerbs(), rule.getResources(), rule.getApiGroups())) {
                assertFalse(values.stream().anyMatch(v -> v.contains("*")), "wildcard in rule " + rule);
            }
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(), "URLs in " + rule);
        }
    }

    @Test
    void controlPlaneDeploymentRunsKubernetesModeWithTwoReplicas() {
        Deployment deployment = single(Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas());
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("portolan:latest", container.getImage());
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getValue() != null
                && e.getValue().contains("-Dportolan.mode=kubernetes")), "Kubernetes mode not set");
        assertEquals("/health", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("portolan-controller", deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        GatewayClass gatewayClass = single(GatewayClass.class);
        assertEquals("portolan.dev/gateway-controller", gatewayClass.getSpec().getControllerName());
    }

    private static boolean grants(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                && r.getVerbs().contains(verb));
    }

    private static <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " expected");
        return found.get(0);
    }

    private static List<HasMetadata> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = SERIALIZATION.unmarshal(in);
            assertNotNull(parsed, file + " is empty");
            List<HasMetadata> documents = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                list.forEach(o -> documents.add((HasMetadata) o));
            } else {
                documents.add((HasMetadata) parsed);
            }
            return documents;
        }
    }

    private static Path findDeployDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/kubernetes");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
    }
}
