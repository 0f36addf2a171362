package dev.portolan.proxy.edge;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * The request as routing and forwarding see it: the path normalized ({@link PathNormalizer}) and, unless the
 * peer is a trusted hop, without the forwarding headers a client could forge (X-Forwarded-Proto,
 * X-Forwarded-Host, Forwarded; the forwarder sets them from the connection). X-Forwarded-For is kept: the
 * forwarder appends the peer, so the right-most entry is always the one this proxy saw. A request that needs
 * neither change is returned as is, without allocating.
 */
public final class EdgeRequests {
    private EdgeRequests() {
    }

    /** The request to route, or null when its path is refused (the caller answers 400). */
    public static Request prepare(Request request, EdgeSettings settings) {
        HttpURI uri = request.getHttpURI();
        String raw = uri.getPath();
        String path = PathNormalizer.normalize(raw, settings.mergeSlashes());
        if (path == null) {
            return null;
        }
        HttpURI normalized = path.equals(raw) ? null : HttpURI.build(uri).path(path).asImmutable();
        HttpFields headers = settings.trustedHops() > 0 ? null : withoutForgeableHeaders(request.getHeaders());
        if (normalized == null && headers == null) {
            return request;
        }
        return new EdgeRequest(request, normalized, headers);
    }

    /** Null when no forgeable header is present (one pass over the fields, no allocation). */
    static HttpFields withoutForgeableHeaders(HttpFields headers) {
        boolean found = false;
        for (HttpField field : headers) {
            if (isForgeable(field)) {
                found = true;
                break;
            }
        }
        if (!found) {
            return null;
        }
        HttpFields.Mutable kept = HttpFields.build(headers.size());
        for (HttpField field : headers) {
            if (!isForgeable(field)) {
                kept.add(field);
            }
        }
        return kept.asImmutable();
    }

    private static boolean isForgeable(HttpField field) {
        if (field.getHeader() == null) {
            return false;
        }
        return switch (field.getHeader()) {
            case X_FORWARDED_PROTO, X_FORWARDED_HOST, X_FORWARDED_PORT, FORWARDED -> true;
            default -> false;
        };
    }

    private static final class EdgeRequest extends Request.Wrapper {
        private final HttpURI uri;
        private final HttpFields headers;

        EdgeRequest(Request wrapped, HttpURI uri, HttpFields headers) {
            super(wrapped);
            this.uri = uri;
            this.headers = headers;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri != null ? uri : super.getHttpURI();
        }

        @Override
        public HttpFields getHeaders() {
            return headers != null ? headers : super.getHeaders();
        }
    }
}
