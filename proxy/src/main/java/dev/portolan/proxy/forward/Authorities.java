package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.Endpoint;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** Builds upstream requests whose host and port are the client's authority (see AuthorityPreservingTransport). */
final class Authorities {

    private Authorities() {
    }

    static Request newRequest(HttpClient client, Endpoint endpoint, String scheme, HttpFields headers) {
        String authority = headers.get(HttpHeader.HOST);
        String host = authority == null ? "" : ClientRequests.hostOnly(authority);
        int port = authority == null ? -1 : port(authority, host);
        Request request;
        try {
            request = host.isEmpty() ? client.newRequest(endpoint.host(), endpoint.port())
                    : client.newRequest(stripBrackets(host), port < 0 ? RedirectLocation.defaultPort(scheme) : port);
        } catch (IllegalArgumentException e) {
            // A Host that is not a valid URI authority: fall back to the endpoint's address.
            request = client.newRequest(endpoint.host(), endpoint.port());
        }
        return request.scheme(scheme).attribute(AuthorityPreservingTransport.ENDPOINT_ATTRIBUTE, endpoint);
    }

    private static int port(String authority, String host) {
        if (authority.length() <= host.length() + 1) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(host.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
