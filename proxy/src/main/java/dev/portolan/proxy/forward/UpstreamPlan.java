package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.RetryConfig;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;

/**
 * Everything decided before the first upstream attempt: where, what to send, and how to edit the answer.
 *
 * @param keepAuthority  send the Host header's authority as HTTP/2 :authority (h2c) instead of the endpoint
 * @param pathAndQuery   raw path plus "?query" after rewrites
 * @param headers        proxy-to-server headers (Host included) after filters
 * @param body           the buffered request body (retries and mirrors need to replay it), or null to stream it
 * @param streamBody     whether the client request has a body to stream when {@code body} is null
 * @param requestMillis  the rule's request timeout, 0 for none
 * @param backendMillis  the rule's backendRequest timeout, 0 for none
 * @param retry          null for no retries
 * @param responseEdits  applied to the answer's headers before it is committed
 * @param requestId      the X-Request-Id the backend is sent and the client gets back whatever the backend
 *                       answered; null when the request did not come through the proxy's listener (some tests)
 */
record UpstreamPlan(BackendConfig backend, HttpClient client, boolean keepAuthority, String scheme, String method, String pathAndQuery,
                    HttpFields headers, ByteBuffer body, boolean streamBody, long requestMillis, long backendMillis,
                    RetryConfig retry, Consumer<HttpFields.Mutable> responseEdits,
                    String requestId) {

    UpstreamPlan withBody(ByteBuffer buffered) {
        return new UpstreamPlan(backend, client, keepAuthority, scheme, method, pathAndQuery, headers, buffered, false,
                requestMillis, backendMillis, retry, responseEdits, requestId);
    }
}
