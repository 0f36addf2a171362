package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.FilterConfig.RequestMirror;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fire-and-forget copies of a request: the answer is discarded and failures only logged. */
final class Mirrors {

    private static final Logger LOG = LoggerFactory.getLogger(Mirrors.class);

    private final UpstreamClients clients;
    private final BackendPicker picker;

    Mirrors(UpstreamClients clients, BackendPicker picker) {
        this.clients = clients;
        this.picker = picker;
    }

    static boolean sampled(RequestMirror mirror) {
        return mirror.numerator() >= mirror.denominator()
                || ThreadLocalRandom.current().nextInt(mirror.denominator()) < mirror.numerator();
    }

    /** Sends a copy of the request to the mirror's backend unless it is unusable (then it is skipped). */
    void send(RequestMirror mirror, String method, String pathAndQuery, HttpFields headers, ByteBuffer body) {
        BackendConfig backend = mirror.backend();
        Endpoint endpoint = backend.isUsable() ? picker.endpoint(backend) : null;
        if (endpoint == null) {
            LOG.debug("mirror backend {} is not usable; copy skipped", backend.name());
            return;
        }
        UpstreamClients.TlsClient client = clients.clientFor(backend);
        if (client.client() == null) {
            return;
        }
        try {
            org.eclipse.jetty.client.Request copy = client.client().newRequest(endpoint.host(), endpoint.port())
                    .scheme(backend.tls() != null ? "https" : "http")
                    .method(method)
                    .path(pathAndQuery)
                    .headers(h -> {
                        h.clear();
                        h.add(headers);
                    });
            if (body != null && body.hasRemaining()) {
                copy.body(new ByteBufferRequestContent(body.slice()));
            }
            copy.send(result -> {
                if (result.isFailed()) {
                    LOG.debug("mirror to {} failed: {}", backend.name(), result.getFailure().toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("mirror to {} could not be sent", backend.name(), e);
        }
    }
}
