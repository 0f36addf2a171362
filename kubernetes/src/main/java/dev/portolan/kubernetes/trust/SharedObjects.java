package dev.portolan.kubernetes.trust;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Objects every replica must agree on (a CA, a token): read if present, else created; when two replicas create at
 * once, the API server accepts one {@code create} and answers the other 409, which then reads the winner's. So all
 * replicas end up with the same content without waiting for the Lease.
 */
final class SharedObjects {
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "portolan-controller";

    private SharedObjects() {
    }

    /** The Secret's string data (decoded), created from {@code create} if absent. */
    static Secret secret(KubernetesClient client, String namespace, String name, Supplier<Map<String, String>> create) {
        var secrets = client.secrets().inNamespace(namespace);
        Secret existing = secrets.withName(name).get();
        if (existing != null) {
            return existing;
        }
        Secret fresh = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                .withType("Opaque").withStringData(create.get()).build();
        try {
            return secrets.resource(fresh).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            Secret winner = secrets.withName(name).get();
            if (winner == null) {
                throw new IllegalStateException("Secret " + namespace + "/" + name
                        + " was created by another replica and deleted again; restart to retry", e);
            }
            return winner;
        }
    }

    /** The ConfigMap holding exactly {@code data}: created if absent, rewritten if it holds something else. */
    static ConfigMap configMap(KubernetesClient client, String namespace, String name, Map<String, String> data) {
        var configMaps = client.configMaps().inNamespace(namespace);
        ConfigMap existing = configMaps.withName(name).get();
        if (existing != null && data.equals(existing.getData())) {
            return existing;
        }
        ConfigMap wanted = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata().withData(data).build();
        try {
            if (existing == null) {
                return configMaps.resource(wanted).create();
            }
            wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            return configMaps.resource(wanted).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // another replica wrote it meanwhile, from the same Secret: the same content
            return configMaps.withName(name).get();
        }
    }
}
