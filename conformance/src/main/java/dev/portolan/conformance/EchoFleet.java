package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The echo backends of a run: {@code replicas} instances for every Deployment of the base manifests. */
public final class EchoFleet implements AutoCloseable {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private final List<EchoInstance> instances;

    private EchoFleet(List<EchoInstance> instances) {
        this.instances = instances;
    }

    /**
     * Starts the instances; {@code tls-backend*} Deployments also serve HTTPS with the given key pair (the
     * {@code tls-checks-certificate} Secret).
     */
    public static EchoFleet start(List<ObjectNode> manifests, String tlsCertificatePem, String tlsKeyPem, Random random)
            throws Exception {
        List<EchoInstance> started = new ArrayList<>();
        EchoFleet fleet = new EchoFleet(started);
        try {
            for (ObjectNode deployment : manifests) {
                if (!deployment.path("kind").asText().equals("Deployment")) {
                    continue;
                }
                String name = deployment.path("metadata").path("name").asText();
                String namespace = deployment.path("metadata").path("namespace").asText("default");
                Map<String, String> labels = labels(deployment.path("spec").path("template").path("metadata").path("labels"));
                int replicas = deployment.path("spec").path("replicas").asInt(1);
                for (int i = 0; i < replicas; i++) {
                    EchoOptions options = EchoOptions.of(name + "-" + randomPart(random) + "-" + randomPart(random), namespace)
                            .withH2cPort(0);
                    if (name.startsWith("tls-backend")) {
                        options = options.withHttps(0, tlsCertificatePem, tlsKeyPem);
                    }
                    started.add(new EchoInstance(namespace, name, labels, EchoServer.start(options)));
                }
            }
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    public List<EchoInstance> instances() {
        return List.copyOf(instances);
    }

    /** The instances of one Deployment. */
    public List<EchoInstance> of(String namespace, String deployment) {
        return instances.stream().filter(i -> i.namespace().equals(namespace) && i.deployment().equals(deployment)).toList();
    }

    @Override
    public void close() {
        for (EchoInstance instance : instances) {
            try {
                instance.server().stop();
            } catch (Exception e) {
                System.err.println("cannot stop echo pod " + instance.podName() + ": " + e.getMessage());
            }
        }
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static String randomPart(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
