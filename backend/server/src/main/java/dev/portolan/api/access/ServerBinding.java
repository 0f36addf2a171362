package dev.portolan.api.access;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Which address the API and dashboard listen on: {@code portolan.server.bind-address} (or Micronaut's own
 * {@code micronaut.server.host}) when set; otherwise 127.0.0.1 in embedded mode, so that only this machine reaches
 * it, and every interface in Kubernetes mode, where proxies and the kubelet reach the pod by its IP.
 */
@Singleton
public class ServerBinding implements BeanCreatedEventListener<HttpServerConfiguration> {
    public static final String BIND_ADDRESS = "portolan.server.bind-address";
    public static final String EMBEDDED_DEFAULT = "127.0.0.1";
    private final Environment environment;

    public ServerBinding(Environment environment) {
        this.environment = environment;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        String chosen = host(environment.getProperty("portolan.mode", String.class).orElse("embedded"),
                environment.getProperty(BIND_ADDRESS, String.class).orElse(null), server.getHost().orElse(null));
        if (chosen != null) {
            server.setHost(chosen);
        } else if (server.getHost().isPresent()) {
            server.setHost("0.0.0.0"); // micronaut.server.host was set, and the bind address reopens it
        }
        return server;
    }

    /**
     * @param bindAddress    {@code portolan.server.bind-address}, or null
     * @param micronautHost  {@code micronaut.server.host}, or null
     * @return the address to listen on, null for every interface
     */
    static String host(String mode, String bindAddress, String micronautHost) {
        String chosen = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.strip();
        if (chosen != null) {
            return chosen.equals("0.0.0.0") || chosen.equals("::") || chosen.equals("*") ? null : chosen;
        }
        if (micronautHost != null && !micronautHost.isBlank()) {
            return micronautHost;
        }
        return AccessFactory.KUBERNETES_MODE.equals(mode) ? null : EMBEDDED_DEFAULT;
    }
}
