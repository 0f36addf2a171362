package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.GraphOptions;
import dev.portolan.kubernetes.provision.ProvisionPlan;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.kubernetes.trust.ControlPlaneHome;
import io.fabric8.kubernetes.api.model.Service;
import dev.portolan.model.ApiGroups;
import dev.portolan.policy.TimeoutPolicies;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceSet;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kustomization under deploy/ (found, not listed) as {@code kubectl kustomize} builds it: each builds, each
 * object of the output parses as its kind, and the install (deploy/kubernetes) grants what the code needs, derived
 * from the code: the kinds the store watches ({@link KindCatalog}, plus the policy CRDs the install brings), the
 * statuses the control plane computes (the pipeline run over the demo manifests), the objects the provisioner makes
 * ({@link ProvisionPlan}), the Lease and TokenReviews; its Deployment runs the image and arguments the README names.
 * <p>
 * Without kubectl the test fails under {@code ./portolan test} (which installs Debian's kubernetes-client when kubectl
 * is missing and says so with {@value Kubectl#TOOLS_INSTALLED_ENV}); run any other way (an IDE, plain mvn) it is
 * skipped with a message saying so. {@code -Dportolan.kubectl=PATH} picks another kubectl.
 */
class DeployManifestsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> READ = Set.of("get", "list", "watch");
    /** What the provisioner does with its objects (GatewayProvisioner: get, create, update, delete; owned(): list). */
    private static final Set<String> PROVISION = Set.of("get", "list", "create", "update", "delete");
    /** What fabric8's LeaseLock does with the Lease. */
    private static final Set<String> LEASE = Set.of("get", "create", "update");

    private static Path root;
    private static Path kubectl;
    private static final Map<Path, List<HasMetadata>> BUILT = new TreeMap<>();
    private static List<HasMetadata> install;
    /** Why every test is skipped (no kubectl outside ./portolan test), or null. */
    private static String skipReason;

    @BeforeAll
    static void buildEveryKustomization() throws IOException {
        root = repositoryRoot();
        Optional<Path> found = Kubectl.find();
        if (found.isEmpty()) {
            if (Kubectl.runByTheTestCommand()) {
                fail("kubectl is not on the PATH, although ./portolan test installs Debian's kubernetes-client when it"
                        + " is missing");
            }
            skipReason = "kubectl is not on the PATH: the kustomize builds are not checked (./portolan test"
                    + " installs Debian's kubernetes-client; or pass -D" + Kubectl.PROPERTY + "=/path/to/kubectl)";
            System.err.println("DeployManifestsTest: SKIPPED: " + skipReason);
            return;
        }
        kubectl = found.get();
        System.out.println("DeployManifestsTest: " + kubectl + " " + Kubectl.version(kubectl));
        for (Path folder : kustomizationFolders(root.resolve("deploy"))) {
            Kubectl.Build build = Kubectl.kustomize(kubectl, folder);
            assertEquals(0, build.exitCode(), "kubectl kustomize " + root.relativize(folder) + " failed:\n" + build.stderr());
            BUILT.put(folder, parse(build.stdout(), "kubectl kustomize " + root.relativize(folder)));
        }
        install = BUILT.get(root.resolve("deploy/kubernetes"));
        assertNotNull(install, "deploy/kubernetes is not a kustomization; found " + BUILT.keySet());
    }

    @BeforeEach
    void skipOnlyOutsideTheTestCommand() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void everyKustomizationBuildsAndEveryObjectParsesAsItsKind() {
        assertTrue(BUILT.containsKey(root.resolve("deploy/crds")), "deploy/crds is not a kustomization");
        BUILT.forEach((folder, objects) -> {
            assertFalse(objects.isEmpty(), root.relativize(folder) + " builds to nothing");
            for (HasMetadata object : objects) {
                String what = root.relativize(folder) + ": " + object.getKind() + " " + object.getMetadata().getName();
                assertFalse(object instanceof GenericKubernetesResource, what + " parsed as no typed kind");
                assertEquals(object.getKind(), object.getClass().getSimpleName(), what + " parsed as the wrong type");
            }
        });
        assertEquals(10, install.size(), "objects in the install: " + names(install));
    }

    @Test
    void everyManifestBesideAKustomizationIsInItsBuild() throws IOException {
        for (Map.Entry<Path, List<HasMetadata>> entry : BUILT.entrySet()) {
            Set<String> built = new TreeSet<>(names(entry.getValue()));
            try (Stream<Path> files = Files.list(entry.getKey())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                        && !f.getFileName().toString().equals("kustomization.yaml")).toList()) {
                    for (String name : names(parse(Files.readString(file), file.toString()))) {
                        assertTrue(built.contains(name), root.relativize(file) + ": " + name + " is not in the build of "
                                + root.relativize(entry.getKey()));
                    }
                }
            }
        }
    }

    @Test
    void installedNamespacedObjectsLiveInPortolanSystem() {
        for (HasMetadata object : install) {
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null) {
                assertEquals("portolan-system", namespace, object.getKind() + " " + object.getMetadata().getName());
            }
        }
    }

    @Test
    void rbacReadsEveryKindTheStoreWatches() {
        List<PolicyRule> rules = single(ClusterRole.class).getRules();
        List<CustomResourceDefinition> crds = install.stream().filter(CustomResourceDefinition.class::isInstance)
                .map(CustomResourceDefinition.class::cast).toList();
        List<JsonNode> crdManifests = crds.stream().map(crd -> (JsonNode) Manifests.JSON.valueToTree(crd)).toList();
        Set<String> watched = new TreeSet<>();
        KindCatalog.BUILT_IN.forEach(k -> watched.add(k.group() + "/" + k.plural()));
        KindCatalog.GATEWAY_KINDS.forEach(k -> watched.add(ApiGroups.GATEWAY + "/" + k.plural()));
        // the policy kinds of the CRDs the install brings, as the store plans them
        KindCatalog.plan(crdManifests).kinds().forEach(k -> watched.add(k.group() + "/" + k.plural()));
        assertTrue(watched.contains("gateway.portolan.dev/timeoutpolicies"), "TimeoutPolicy is not watched: " + watched);
        for (String resource : watched) {
            String group = resource.substring(0, resource.lastIndexOf('/'));
            String plural = resource.substring(resource.lastIndexOf('/') + 1);
            for (String verb : READ) {
                assertTrue(grants(rules, group, plural, verb), "ClusterRole does not grant " + verb + " on " + resource);
            }
        }
    }

    @Test
    void rbacWritesTheStatusOfEveryKindTheControlPlaneComputesAndNeverTheSpec() {
        List<PolicyRule> rules = single(ClusterRole.class).getRules();
        Set<String> statusKinds = new TreeSet<>();
        demo().statuses().keySet().forEach(key -> statusKinds.add(key.kind()));
        assertTrue(statusKinds.containsAll(Set.of("GatewayClass", "Gateway", "HTTPRoute", "BackendTLSPolicy")),
                "the demo manifests no longer give every status kind: " + statusKinds);
        assertTrue(statusKinds.contains(TimeoutPolicies.KIND), "Portolan's own TimeoutPolicies get status: " + statusKinds);
        for (String verb : List.of("update", "patch")) {
            assertTrue(grants(rules, TimeoutPolicies.GROUP, "timeoutpolicies/status", verb), verb + " timeoutpolicies/status");
        }
        assertFalse(grants(rules, TimeoutPolicies.GROUP, "timeoutpolicies", "update"), "timeoutpolicies must stay read-only");
        statusKinds.remove(TimeoutPolicies.KIND);
        for (String kind : statusKinds) {
            String plural = KindCatalog.GATEWAY_KINDS.stream().filter(k -> k.kind().equals(kind)).findFirst()
                    .orElseThrow(() -> new AssertionError("status of " + kind + " is written but the store does not"
                            + " watch that kind")).plural();
            for (String verb : List.of("update", "patch")) {
                assertTrue(grants(rules, ApiGroups.GATEWAY, plural + "/status", verb), verb + " " + plural + "/status");
            }
        }
        for (KindCatalog.GatewayKind kind : KindCatalog.GATEWAY_KINDS) {
            for (String verb : List.of("create", "update", "patch", "delete")) {
                assertFalse(grants(rules, ApiGroups.GATEWAY, kind.plural(), verb), kind.plural() + " must stay read-only");
            }
        }
        assertFalse(grants(rules, "", "secrets", "update"), "secrets must stay read-only");
    }

    @Test
    void rbacLetsTheProvisionerManageEveryKindItProvisions() {
        List<PolicyRule> rules = single(ClusterRole.class).getRules();
        GatewayView gateway = demo().graph().gateways().values().iterator().next();
        List<HasMetadata> provisioned = ProvisionPlan.desired(gateway, "uid-1",
                ProvisionSettings.defaults("https://portolan-controller.portolan-system.svc:8443")
                        .withControlPlaneCa("-----BEGIN CERTIFICATE-----"));
        assertEquals(4, provisioned.size(), names(provisioned).toString());
        for (HasMetadata object : provisioned) {
            String group = HasMetadata.getGroup(object.getClass());
            String plural = HasMetadata.getPlural(object.getClass());
            for (String verb : PROVISION) {
                assertTrue(grants(rules, group, plural, verb), "ClusterRole does not grant " + verb + " on "
                        + group + "/" + plural + " (provisioned " + object.getKind() + ")");
            }
        }
    }

    @Test
    void theLeaseTokenReviewsAndBindingsAreForTheControlPlanesServiceAccount() {
        Deployment deployment = single(Deployment.class);
        String namespace = deployment.getMetadata().getNamespace();
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertTrue(grants(single(ClusterRole.class).getRules(), "authentication.k8s.io", "tokenreviews", "create"),
                "proxies are authenticated with TokenReviews");
        Role lease = single(Role.class);
        // the Lease lives in the pod's own namespace (POD_NAMESPACE from the downward API)
        assertEquals(namespace, lease.getMetadata().getNamespace());
        for (String verb : LEASE) {
            assertTrue(grants(lease.getRules(), "coordination.k8s.io", "leases", verb), "Role: " + verb + " leases");
        }
        // the Secrets and the ConfigMap the replicas share, in the same namespace (POD_NAMESPACE)
        ControlPlaneHome.VERBS_IN_HOME_NAMESPACE.forEach((resource, verbs) -> verbs.forEach(verb ->
                assertTrue(grants(lease.getRules(), "", resource, verb), "Role: " + verb + " " + resource)));
        assertFalse(grants(lease.getRules(), "", "secrets", "update"), "shared Secrets are never rewritten");
        assertFalse(grants(lease.getRules(), "", "secrets", "list"), "no Secret but its own is read");
        Subject subject = new Subject(null, "ServiceAccount", account, namespace);
        ClusterRoleBinding clusterBinding = single(ClusterRoleBinding.class);
        assertEquals(single(ClusterRole.class).getMetadata().getName(), clusterBinding.getRoleRef().getName());
        assertTrue(clusterBinding.getSubjects().contains(subject), "ClusterRoleBinding does not bind " + subject);
        RoleBinding binding = single(RoleBinding.class);
        assertEquals(lease.getMetadata().getName(), binding.getRoleRef().getName());
        assertTrue(binding.getSubjects().contains(subject), "RoleBinding does not bind " + subject);
        assertTrue(install.stream().anyMatch(o -> o.getKind().equals("ServiceAccount")
                && o.getMetadata().getName().equals(account)), "ServiceAccount " + account + " is not installed");
    }

    @Test
    void theServiceAndDeploymentOpenTheConfigChannelsHttpsPortAndItsCertificateNamesTheService() {
        Deployment deployment = single(Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(container.getPorts().stream().anyMatch(p -> p.getContainerPort() == 8443
                && "https".equals(p.getName())), "container port 8443 (https)");
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("MICRONAUT_ENVIRONMENTS")
                && e.getValue().equals("kubernetes")), "the kubernetes environment opens the HTTPS listener");
        Service service = single(Service.class);
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 8443
                && "https".equals(p.getTargetPort().getStrVal())), "Service port 8443 -> https");
        ControlPlaneHome home = new ControlPlaneHome(service.getMetadata().getNamespace(),
                service.getMetadata().getName());
        assertTrue(home.serviceDnsNames().contains(
                "portolan-controller.portolan-system.svc"), home.serviceDnsNames().toString());
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
    void theControlPlaneRunsTheImageAndArgumentsTheReadmeNames() throws IOException {
        String readme = Files.readString(root.resolve("README.md")).replaceAll("\\s+", " ");
        String image = readmeSays(readme, "run one image, `([^`]+)`");
        String defaultCommand = readmeSays(readme, "its command the main class: `([^`]+)` \\(the control plane\\) by default");
        Matcher deploymentText = Pattern.compile("the control-plane Deployment \\((\\d+) replicas, `([^`]+)`, readiness on"
                + " `([^`]+)`\\)").matcher(readme);
        assertTrue(deploymentText.find(), "README.md no longer describes the control-plane Deployment as"
                + " \"(N replicas, `-D...`, readiness on `/path`)\"");

        Deployment deployment = single(Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(image, container.getImage(), "the Deployment's image");
        assertEquals(ProvisionSettings.DEFAULT_IMAGE, image, "the proxies' default image");
        assertTrue(container.getCommand() == null || container.getCommand().isEmpty(),
                "the image's own command (" + defaultCommand + ") must run: " + container.getCommand());
        assertTrue(container.getArgs() == null || container.getArgs().isEmpty(),
                "the image's own arguments must run: " + container.getArgs());
        assertEquals(Integer.parseInt(deploymentText.group(1)), deployment.getSpec().getReplicas());
        String javaOptions = container.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(e -> e.getValue()).findFirst().orElse("");
        assertEquals(deploymentText.group(2), javaOptions, "JAVA_TOOL_OPTIONS");
        assertEquals(deploymentText.group(3), container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("portolan.dev/gateway-controller", single(GatewayClass.class).getSpec().getControllerName());
        assertEquals(GraphOptions.PORTOLAN_CONTROLLER, single(GatewayClass.class).getSpec().getControllerName());
    }

    private static String readmeSays(String readme, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(readme);
        assertTrue(matcher.find(), "README.md no longer says /" + pattern + "/");
        return matcher.group(1);
    }

    /** The control plane's computed state for the demo manifests (the pipeline the application runs). */
    private static ComputedState demo() {
        List<JsonNode> manifests = new ArrayList<>();
        // the CRDs too, as the install puts them on the cluster: TimeoutPolicies are read (and get status) only then
        try (Stream<Path> files = Stream.concat(Files.list(root.resolve("deploy/crds")),
                Files.list(root.resolve("deploy/examples/demo")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                    && !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents = Manifests.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    documents.forEachRemaining(d -> {
                        if (d != null && d.isObject() && !d.isEmpty()) {
                            manifests.add(d);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ControlPlanePipeline.compute(ResourceSet.of(manifests),
                new GraphOptions(GraphOptions.PORTOLAN_CONTROLLER, Instant.parse("2026-01-01T00:00:00Z"), key -> Optional.empty()));
    }

    private static List<Path> kustomizationFolders(Path deploy) throws IOException {
        try (Stream<Path> files = Files.walk(deploy)) {
            return files.filter(f -> Set.of("kustomization.yaml", "kustomization.yml", "Kustomization")
                    .contains(f.getFileName().toString())).map(Path::getParent).sorted().toList();
        }
    }

    private static boolean grants(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                && r.getVerbs().contains(verb));
    }

    private static <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = install.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " expected in the install");
        return found.get(0);
    }

    private static List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + Optional.ofNullable(o.getMetadata().getNamespace()).orElse("")
                + "/" + o.getMetadata().getName()).toList();
    }

    private static List<HasMetadata> parse(String yaml, String what) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        assertNotNull(parsed, what + " is empty");
        List<HasMetadata> documents = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.forEach(o -> documents.add((HasMetadata) o));
        } else {
            documents.add((HasMetadata) parsed);
        }
        return documents;
    }

    /** The nearest folder above this class's location (target/test-classes) holding pom.xml and deploy/. */
    private static Path repositoryRoot() {
        Path start;
        try {
            start = Path.of(DeployManifestsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            start = Path.of("").toAbsolutePath();
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml and deploy/) above " + start);
    }
}
