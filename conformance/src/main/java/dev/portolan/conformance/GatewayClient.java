package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Sends the requests of one step to one listener address, whatever host the request names: a new connection per
 * request (as upstream, which disables keep-alive), redirects never followed, HTTP/1.1 or HTTP/2 (h2c prior
 * knowledge, h2 over TLS) as the step asks. For https the URI host is the SNI name, so SNI and hostname
 * verification use it.
 */
public final class GatewayClient implements AutoCloseable {
    private final InetSocketAddress address;
    private final KeyStore trust;
    private final Duration timeout;
    private HttpClient http1;

    public GatewayClient(InetSocketAddress address, KeyStore trust, Duration timeout) {
        this.address = address;
        this.trust = trust;
        this.timeout = timeout;
    }

    public CapturedResponse send(GatewayRequest request) throws IOException {
        boolean http2 = request.protocol() != null;
        HttpClient client = http2 ? start(request) : http1(request);
        try {
            Request out = newRequest(client, request, http2)
                    .method(request.method()).path(request.path()).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            out.headers(headers -> {
                headers.remove(HttpHeader.ACCEPT_ENCODING);
                if (!http2) {
                    headers.put(HttpHeader.CONNECTION, "close");
                    if (request.host() != null) {
                        headers.put(HttpHeader.HOST, request.host());
                    }
                }
                request.headers().forEach(headers::add);
            });
            return capture(out.send());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            if (http2) {
                stop(client);
            }
        }
    }

    /**
     * Jetty's HTTP/2 client writes the port into :authority even when it is the scheme's default
     * ("example.org:443"); curl and browsers send the authority as written ("example.org"), and Gateway API
     * implementations pass it on unchanged. So an HTTP/2 request to a default port leaves the port out.
     */
    private Request newRequest(HttpClient client, GatewayRequest request, boolean http2) {
        String scheme = request.https() ? "https" : "http";
        int port = uriPort(request);
        boolean hostHasPort = request.host() != null && !hostPart(request.host()).equals(request.host());
        if (http2 && port == HttpScheme.getDefaultPort(scheme) && !hostHasPort) {
            URI authorityOnly = URI.create(scheme + "://" + uriHost(request) + "/");
            return new HttpRequest(client, new HttpConversation(), authorityOnly) {
                @Override
                public int getPort() {
                    return -1; // HTTP/2 writes host and port from here: no port for the scheme's default
                }

                @Override
                public URI getURI() {
                    String query = getQuery();
                    return URI.create(getScheme() + "://" + getHost() + getPath()
                            + (query == null ? "" : "?" + query));
                }
            }.scheme(scheme);
        }
        return client.newRequest(uriHost(request), port).scheme(scheme);
    }

    private static CapturedResponse capture(ContentResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        JsonNode echo = null;
        if ("application/json".equals(response.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            try {
                echo = Manifests.JSON.readTree(response.getContent());
            } catch (IOException e) {
                echo = null; // not an echo body: compared as "no captured request"
            }
        }
        return new CapturedResponse(response.getStatus(), headers, echo);
    }

    /** The URI a request names: its Host (or SNI name), its port; the socket goes to the listener's address anyway. */
    URI uri(GatewayRequest request, String scheme) {
        return URI.create(scheme + "://" + uriHost(request) + ":" + uriPort(request) + request.path());
    }

    private String uriHost(GatewayRequest request) {
        if (request.https() && request.serverName() != null) {
            return request.serverName();
        }
        if (request.host() != null) {
            return hostPart(request.host());
        }
        return address.getHostString();
    }

    private int uriPort(GatewayRequest request) {
        if (!request.https() && request.host() == null) {
            return address.getPort();
        }
        return request.specPort();
    }

    private static String hostPart(String host) {
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private synchronized HttpClient http1(GatewayRequest request) throws IOException {
        if (http1 == null) {
            http1 = start(request);
        }
        return http1;
    }

    /**
     * A started HTTP/1.1 (or, for a request with a protocol, HTTP/2) client that connects every URI to this
     * listener's address and trusts the step's certificate; the caller stops it. The WebSocket step upgrades on it.
     */
    HttpClient start(GatewayRequest request) throws IOException {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        if (trust != null) {
            ssl.setTrustStore(trust);
        }
        connector.setSslContextFactory(ssl);
        HttpClientTransport transport;
        if (request.protocol() != null) {
            HTTP2Client h2 = new HTTP2Client(connector);
            h2.setUseALPN(request.https());
            transport = new HttpClientTransportOverHTTP2(h2);
        } else {
            transport = new HttpClientTransportOverHTTP(connector);
        }
        HttpClient client = new HttpClient(transport);
        client.setFollowRedirects(false);
        client.setConnectTimeout(timeout.toMillis());
        client.setUserAgentField(null);
        client.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                // keep the requested name on the address: TLS takes its peer host (hostname check) from it
                InetAddress ip = address.isUnresolved() ? InetAddress.getByName(address.getHostString()) : address.getAddress();
                InetAddress named = InetAddress.getByAddress(host, ip.getAddress());
                promise.succeeded(List.of(new InetSocketAddress(named, address.getPort())));
            } catch (IOException e) {
                promise.failed(e);
            }
        });
        try {
            client.start();
        } catch (Exception e) {
            throw new IOException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        return client;
    }

    private static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            // nothing left to do with a client that will not stop
        }
    }

    @Override
    public synchronized void close() {
        if (http1 != null) {
            stop(http1);
            http1 = null;
        }
    }
}
