package dev.portolan.proxy.sync;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** A tiny stand-in for the control plane's {@code /proxy/v1/config} long-poll endpoint. */
final class FakeControlPlane implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean https;
    private final Object changed = new Object();
    private ProxyConfig config;
    private boolean garbage;
    private boolean closing;
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    final List<String> waits = new CopyOnWriteArrayList<>();
    /** Per request: the decoded {@code gateway} query parameter, the raw query, the Authorization header. */
    final List<String> gateways = new CopyOnWriteArrayList<>();
    final List<String> rawQueries = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** When set, requests without {@code Authorization: Bearer <this>} get a 401 problem. */
    volatile String requiredToken;
    /** When set, every request gets a 403 problem with this detail. */
    volatile String forbiddenDetail;
    /** While set, every request gets 503 with {@code Retry-After: 1}, as a control plane before its first load. */
    private volatile boolean starting;

    FakeControlPlane(int port) throws Exception {
        this(port, null);
    }

    /** @param identity key store with the serving certificate (alias "server", password "secret"), null for HTTP */
    FakeControlPlane(int port, KeyStore identity) throws Exception {
        https = identity != null;
        if (identity == null) {
            connector = new ServerConnector(server, 1, 1);
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(identity);
            tls.setKeyStorePassword("secret");
            connector = new ServerConnector(server, 1, 1, tls);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port();
    }

    void publish(ProxyConfig next) {
        synchronized (changed) {
            config = next;
            garbage = false;
            changed.notifyAll();
        }
    }

    /** Serves a body that is not a config, with a new ETag. */
    void serveGarbage() {
        synchronized (changed) {
            garbage = true;
            changed.notifyAll();
        }
    }

    private void serve(Request request, Response response, Callback callback) throws InterruptedException {
        if (!Request.getPathInContext(request).equals(RemoteConfigSource.PATH)) {
            Response.writeError(request, response, callback, 404);
            return;
        }
        String seen = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        ifNoneMatch.add(String.valueOf(seen));
        Fields query = Request.extractQueryParameters(request);
        String wait = query.getValue("wait");
        waits.add(String.valueOf(wait));
        gateways.add(String.valueOf(query.getValue("gateway")));
        rawQueries.add(String.valueOf(request.getHttpURI().getQuery()));
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        authorizations.add(String.valueOf(authorization));
        String token = requiredToken;
        if (token != null && !("Bearer " + token).equals(authorization)) {
            problem(response, callback, 401, "Unauthorized", "the token is not valid (TokenReview: not authenticated)");
            return;
        }
        if (starting) {
            unavailable(response, callback);
            return;
        }
        String forbidden = forbiddenDetail;
        if (forbidden != null) {
            problem(response, callback, 403, "Forbidden", forbidden);
            return;
        }
        long waitMillis = Long.parseLong(wait.replace("s", "")) * 1000;
        String body;
        String etag;
        synchronized (changed) {
            long deadline = System.currentTimeMillis() + waitMillis;
            while (!closing && !garbage && !starting && config != null && etag(config).equals(seen)
                    && System.currentTimeMillis() < deadline) {
                changed.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            if (starting) {
                unavailable(response, callback);
                return;
            }
            if (garbage) {
                body = "{\"version\": 99, \"gateways\": [ {\"oops\": ";
                etag = "\"99\"";
            } else if (config == null || etag(config).equals(seen)) {
                response.setStatus(304);
                callback.succeeded();
                return;
            } else {
                body = ProxyConfigCodec.toJson(config);
                etag = etag(config);
            }
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
    }

    private static void unavailable(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        problem(response, callback, 503, "Service Unavailable", "the control plane has not loaded yet");
    }

    /** Answers held polls with 503 from now on, until {@link #loaded()}. */
    void restarting() {
        synchronized (changed) {
            starting = true;
            changed.notifyAll();
        }
    }

    void loaded() {
        synchronized (changed) {
            starting = false;
            changed.notifyAll();
        }
    }

    private static void problem(Response response, Callback callback, int status, String title, String detail) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        Content.Sink.write(response, true, "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}", callback);
    }

    private static String etag(ProxyConfig config) {
        return "\"" + config.version() + "\"";
    }

    @Override
    public void close() throws Exception {
        synchronized (changed) {
            closing = true; // ends held long polls (as 304s) so that stopping does not wait for them
            changed.notifyAll();
        }
        server.stop();
    }
}
