package dev.portolan.echo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;

/** How the echo server reads a request: the same view feeds the echo JSON and the request recorder. */
final class RequestViews {

    private RequestViews() {
    }

    /** The raw request-URI as received: path plus "?query", never decoded. */
    static String rawUri(Request request) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return uri.getQuery() == null ? path : path + "?" + uri.getQuery();
    }

    /** Host header for HTTP/1, :authority for HTTP/2 (both as received, port included). */
    static String host(Request request) {
        if (isHttp2(request)) {
            String authority = request.getHttpURI().getAuthority();
            return authority == null ? "" : authority;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host != null) {
            return host;
        }
        String authority = request.getHttpURI().getAuthority();
        return authority == null ? "" : authority;
    }

    static boolean isHttp2(Request request) {
        return request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2;
    }

    /** "HTTP/1.1" or "HTTP/2.0", as Go's {@code r.Proto} prints them. */
    static String protocol(Request request) {
        return request.getConnectionMetaData().getProtocol();
    }

    /** Canonical header name to values, one per header line, names sorted; Host excluded like Go does. */
    static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new TreeMap<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.HOST || field.getName().startsWith(":")) {
                continue;
            }
            out.computeIfAbsent(MimeHeaderNames.canonical(field.getName()), k -> new ArrayList<>())
                    .add(field.getValue());
        }
        return out;
    }

    /** Go's ServeMux routing sees "//" collapsed to "/"; only the handler choice depends on it. */
    static String routingPath(Request request) {
        String path = request.getHttpURI().getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.replaceAll("/{2,}", "/");
    }
}
