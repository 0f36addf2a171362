package dev.portolan.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode (real HTTP, watches over WebSocket, status subresources of CRDs that
 * declare one, generation bumped on spec changes) and a client for it, with the JDK HTTP client the application
 * uses. Also published in the kubernetes module's test-jar for other modules' tests (the conformance runner).
 *
 * <p>What the mock does not do that an API server does: no validation against CRD schemas, no version conversion
 * (an object is listed and watched in the version it was written in), no RBAC, no resourceVersion history (a watch
 * resumed after a disconnection gets every current object as ADDED, not what it missed; a deletion it missed stays
 * missed), no namespace life cycle, no controllers (Deployments get no Pods, Services no EndpointSlices).
 */
public final class MockApiServer implements AutoCloseable {
    private static final Map<String, String> PLURALS = Map.ofEntries(
            Map.entry("EndpointSlice", "endpointslices"), Map.entry("HTTPRoute", "httproutes"),
            Map.entry("GatewayClass", "gatewayclasses"), Map.entry("BackendTLSPolicy", "backendtlspolicies"),
            Map.entry("TimeoutPolicy", "timeoutpolicies"));
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition",
            "GatewayClass", "ClusterRole", "ClusterRoleBinding");
    private static final int MAX_REPLACE_ATTEMPTS = 5;
    /** The mock logs every request at INFO (java.util.logging), drowning the tests' own output; held strongly
     *  because java.util.logging forgets a logger's level once nobody references it. */
    private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockApiServer() {
        // CRUD for everything, plus expectations first where a test sets one (TokenReviews, which CRUD cannot answer)
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        // the client the application uses (JDK HTTP client), not the mock's default Vert.x one
        client = server.createClient(new JdkHttpClientFactory());
    }

    /**
     * Answers TokenReviews as an API server would for projected service-account tokens: a token in {@code users}
     * is authenticated as that user for the audiences asked about (as if issued for them), any other is not.
     */
    public void answerTokenReviews(Map<String, String> users) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            TokenReview review = client.getKubernetesSerialization()
                    .unmarshal(request.getUtf8Body(), TokenReview.class);
            String user = users.get(review.getSpec().getToken());
            TokenReviewBuilder answer = new TokenReviewBuilder(review);
            return user == null
                    ? answer.withNewStatus().withAuthenticated(false).withError("invalid bearer token").endStatus()
                    .build()
                    : answer.withNewStatus().withAuthenticated(true).withNewUser().withUsername(user).endUser()
                    .withAudiences(review.getSpec().getAudiences()).endStatus().build();
        }).always();
    }

    /** A client talking to the server directly. */
    public KubernetesClient client() {
        return client;
    }

    /** Another client of the server, with its own connections (as a separate process would have). */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).build())
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /** Requests the server has answered so far (a quiet control plane makes none between changes). */
    public int requestCount() {
        return server.getRequestCount();
    }

    /** "METHOD path" of every request answered since the last call (drains the server's record). */
    public List<String> drainRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        for (var r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null;
             r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
            requests.add(r.getMethod() + " " + r.getPath());
        }
        return requests;
    }

    public int port() {
        return server.getPort();
    }

    /**
     * A client like {@link #client()} that reaches the server through a relay on {@code port} (a TCP proxy of the
     * test), reconnecting watches and retrying requests after 100 ms rather than fabric8's default 1 s (doubling per
     * attempt), and giving up on a request after 2 retries rather than 10, so that tests of lost connections stay
     * short.
     */
    public KubernetesClient clientVia(int port) {
        Config config = new ConfigBuilder(client.getConfiguration())
                .withMasterUrl("http://127.0.0.1:" + port + "/")
                .withWatchReconnectInterval(100)
                .withRequestRetryBackoffInterval(100)
                .withRequestRetryBackoffLimit(2)
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /** Creates every document of the YAML through the client (fails if one exists). */
    public void create(String yaml) {
        for (ObjectNode manifest : documents(yaml)) {
            resource(manifest).create();
        }
    }

    /**
     * Creates the object or replaces the server's copy (kubectl apply, roughly: the whole object is replaced, not
     * merged; the server keeps status where the kind has a status subresource and bumps generation on spec
     * changes). A replace races other writers (a controller writing status): it is retried on conflict.
     */
    public ObjectNode apply(ObjectNode manifest) {
        ObjectNode body = manifest.deepCopy();
        body.remove("status");
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = read(Manifests.keyOf(body), body.path("apiVersion").asText()).orElse(null);
            try {
                if (current == null) {
                    return json(resource(body).create());
                }
                ((ObjectNode) body.get("metadata")).put("resourceVersion",
                        current.path("metadata").path("resourceVersion").asText());
                return json(resource(body).update());
            } catch (KubernetesClientException e) {
                if ((e.getCode() != 409 && e.getCode() != 404) || attempt == MAX_REPLACE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Deletes the object; false when there was none. */
    public boolean delete(ResourceKey key, String apiVersion) {
        ObjectNode probe = probe(key, apiVersion);
        var operation = client.genericKubernetesResources(context(probe));
        var resource = key.namespace().isEmpty() ? operation.withName(key.name())
                : operation.inNamespace(key.namespace()).withName(key.name());
        return !resource.delete().isEmpty();
    }

    /** An object as the server has it (with status), or empty. */
    public Optional<ObjectNode> read(ResourceKey key, String apiVersion) {
        ObjectNode probe = probe(key, apiVersion);
        var operation = client.genericKubernetesResources(context(probe));
        GenericKubernetesResource found = (key.namespace().isEmpty() ? operation.withName(key.name())
                : operation.inNamespace(key.namespace()).withName(key.name())).get();
        return Optional.ofNullable(found).map(this::json);
    }

    /** An object as the server has it (with status), or null; {@code namespace} null for cluster-scoped kinds. */
    public ObjectNode read(String apiVersion, String kind, String namespace, String name) {
        return read(ResourceKey.of(ApiGroups.groupOf(apiVersion), kind, namespace == null ? "" : namespace, name),
                apiVersion).orElse(null);
    }

    private Resource<GenericKubernetesResource> resource(ObjectNode manifest) {
        GenericKubernetesResource resource = client.getKubernetesSerialization()
                .unmarshal(manifest.toString(), GenericKubernetesResource.class);
        String namespace = manifest.path("metadata").path("namespace").asText("");
        var operation = client.genericKubernetesResources(context(manifest));
        return namespace.isEmpty() ? operation.resource(resource) : operation.inNamespace(namespace).resource(resource);
    }

    private static ObjectNode probe(ResourceKey key, String apiVersion) {
        return Manifests.JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", key.kind());
    }

    private ObjectNode json(GenericKubernetesResource resource) {
        try {
            return (ObjectNode) Manifests.JSON.readTree(client.getKubernetesSerialization().asJson(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the kind of the manifest lives in the API (plural from the kind; a few cluster-scoped kinds known). */
    public static ResourceDefinitionContext context(JsonNode manifest) {
        String apiVersion = manifest.path("apiVersion").asText();
        String kind = manifest.path("kind").asText();
        return new ResourceDefinitionContext.Builder()
                .withGroup(ApiGroups.groupOf(apiVersion))
                .withVersion(ApiGroups.versionOf(apiVersion))
                .withKind(kind)
                .withPlural(plural(kind))
                .withNamespaced(!CLUSTER_SCOPED.contains(kind))
                .build();
    }

    private static String plural(String kind) {
        return PLURALS.getOrDefault(kind, Pluralize.toPlural(kind.toLowerCase()));
    }

    public static List<ObjectNode> documents(String yaml) {
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
    public static String crd(String group, String kind, boolean namespaced, List<String> versions,
                             String policyLabel) {
        ObjectNode crd = Manifests.JSON.createObjectNode()
                .put("apiVersion", "apiextensions.k8s.io/v1")
                .put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata").put("name", plural(kind) + "." + group);
        if (policyLabel != null) {
            metadata.putObject("labels").put(ApiGroups.POLICY_LABEL, policyLabel);
        }
        ObjectNode spec = crd.putObject("spec").put("group", group).put("scope", namespaced ? "Namespaced" : "Cluster");
        spec.putObject("names").put("kind", kind).put("plural", plural(kind))
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

    /** Polls every 20 ms until the condition holds; fails after 15 s. */
    public static void await(BooleanSupplier condition, String what) {
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
