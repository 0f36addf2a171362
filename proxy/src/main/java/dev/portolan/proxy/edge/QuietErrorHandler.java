package dev.portolan.proxy.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error answers (bad URI 400, headers too large 431, a failed handler 500) with the proxy's fixed
 * bodies instead of Jetty's HTML page, which names Jetty, its version and the violation.
 */
public final class QuietErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QuietErrorHandler.class);
    private static final HttpField TEXT = new HttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        LOG.debug("answering {} to {} {}: {}", code, request.getMethod(), request.getHttpURI(), message, cause);
        byte[] body = GatewayAnswer.bodyFor(code).getBytes(StandardCharsets.US_ASCII);
        response.getHeaders().put(TEXT);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        LOG.debug("refusing a request that cannot be parsed: {} {}", status, reason);
        fields.put(TEXT);
        return ByteBuffer.wrap(GatewayAnswer.bodyFor(status).getBytes(StandardCharsets.US_ASCII));
    }
}
