package dev.portolan.proxy.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answers the proxy makes itself, each with a short fixed body (status and reason words, as Envoy's
 * "no healthy upstream"). Why it answered so goes to the log, never to the client: backend names, addresses,
 * exception text and TLS details stay inside. Each answer is counted for the metrics endpoint.
 */
public enum GatewayAnswer {
    BAD_REQUEST(400, "bad request"),
    NOT_FOUND(404, "no route"),
    PAYLOAD_TOO_LARGE(413, "payload too large"),
    REQUEST_TIMEOUT(408, "request timeout"),
    MISDIRECTED(421, "misdirected request"),
    HEADERS_TOO_LARGE(431, "request headers too large"),
    INVALID_BACKEND(500, "invalid backend"),
    INTERNAL_ERROR(500, "internal error"),
    UPSTREAM_ERROR(502, "upstream connect error"),
    NO_HEALTHY_UPSTREAM(503, "no healthy upstream"),
    UPSTREAM_BUSY(503, "upstream connection limit"),
    UPSTREAM_TIMEOUT(504, "upstream request timeout");

    private final int status;
    private final String reason;
    private final String body;
    private final byte[] bytes;
    /** Process-wide count of this answer (the proxy's metrics endpoint shows it). */
    private final LongAdder answered = new LongAdder();

    GatewayAnswer(int status, String reason) {
        this.status = status;
        this.reason = reason;
        this.body = status + " " + reason + "\n";
        this.bytes = body.getBytes(StandardCharsets.US_ASCII);
    }

    public int status() {
        return status;
    }

    /** The whole body, e.g. "503 no healthy upstream\n". */
    public String body() {
        return body;
    }

    /** Counts an answer written by other means (a raw 408 on a connection whose request never arrived). */
    void count() {
        answered.increment();
    }

    /** How often this answer was given since the process started. */
    public long answered() {
        return answered.sum();
    }

    /**
     * The fixed body of a status the proxy answers itself (Jetty's own errors included), counted as that
     * answer.
     */
    public static String bodyFor(int status) {
        for (GatewayAnswer answer : values()) {
            if (answer.status == status) {
                answer.answered.increment();
                return answer.body;
            }
        }
        return status + " error\n";
    }

    /** Prometheus text of the counts, one series per answer. */
    public static String prometheusText() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP portolan_proxy_generated_answers_total Answers the proxy made itself, by status and"
                + " reason (the details are in the log).\n");
        out.append("# TYPE portolan_proxy_generated_answers_total counter\n");
        for (GatewayAnswer answer : values()) {
            out.append("portolan_proxy_generated_answers_total{code=\"").append(answer.status)
                    .append("\",reason=\"").append(answer.reason.replace(' ', '_')).append("\"} ")
                    .append(answer.answered()).append('\n');
        }
        return out.toString();
    }

    /** Sets status and headers and writes the body; completes the callback. */
    public void write(Response response, Callback callback) {
        answered.increment();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
