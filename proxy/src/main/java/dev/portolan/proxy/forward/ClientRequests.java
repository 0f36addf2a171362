package dev.portolan.proxy.forward;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;

/** How the forwarder reads the client-to-proxy request: authority, raw path and query, body presence. */
final class ClientRequests {

    private static final Set<String> BODYLESS_METHODS = Set.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE");

    private ClientRequests() {
    }

    /** Host header (HTTP/1) or :authority (HTTP/2), port included as the client sent it. */
    static String authority(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host != null && !host.isEmpty()) {
            return host;
        }
        String authority = request.getHttpURI().getAuthority();
        return authority == null ? "" : authority;
    }

    /** The authority without its port (IPv6 literals keep their brackets). */
    static String hostOnly(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    static String rawPath(Request request) {
        HttpURI uri = request.getHttpURI();
        return uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    }

    static String rawQuery(Request request) {
        return request.getHttpURI().getQuery();
    }

    /**
     * Whether a body follows. HTTP/1.1 says so with Content-Length or Transfer-Encoding; an HTTP/2 request of
     * unknown length is assumed to carry one unless its method normally has none.
     */
    static boolean hasBody(Request request) {
        long length = request.getLength();
        if (length >= 0) {
            return length > 0;
        }
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
            return !BODYLESS_METHODS.contains(request.getMethod());
        }
        return request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    static String remoteIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return null;
    }
}
