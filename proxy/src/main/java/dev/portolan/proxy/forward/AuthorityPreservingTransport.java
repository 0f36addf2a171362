package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;

/**
 * HTTP/2 derives :authority from the request's host and port, which Jetty also uses to pick the connection. To
 * send the client's authority (the Host an HTTP/1 backend would see) while connecting to the endpoint, the request
 * carries the client's host and port and this transport connects to the endpoint named in an attribute.
 */
final class AuthorityPreservingTransport extends HttpClientTransportOverHTTP2 {

    static final String ENDPOINT_ATTRIBUTE = AuthorityPreservingTransport.class.getName() + ".endpoint";

    AuthorityPreservingTransport(HTTP2Client client) {
        super(client);
    }

    @Override
    public Origin newOrigin(Request request) {
        Origin origin = super.newOrigin(request);
        if (request.getAttributes().get(ENDPOINT_ATTRIBUTE) instanceof Endpoint endpoint) {
            return new Origin(origin.getScheme(), new Origin.Address(endpoint.host(), endpoint.port()),
                    origin.getTag(), origin.getProtocol(), origin.getTransport());
        }
        return origin;
    }
}
