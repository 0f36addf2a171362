package dev.portolan.echo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The echo-basic handlers: {@code /health}, {@code /status/NNN}, {@code /retry/...}, and the JSON echo for
 * everything else. On the h2c listener, plain HTTP/1.1 requests are refused as upstream does.
 */
final class EchoHandler extends Handler.Abstract {

    static final String H2C_CONNECTOR = "h2c";

    private static final Pattern STATUS = Pattern.compile("^/status/(\\d\\d\\d)$");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EchoOptions options;
    private final Supplier<String> reportedHttpPort;
    private final RetrySimulator retries = new RetrySimulator();

    EchoHandler(EchoOptions options, Supplier<String> reportedHttpPort) {
        this.options = options;
        this.reportedHttpPort = reportedHttpPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (H2C_CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName())
                && !RequestViews.isHttp2(request) && !upgradesToH2c(request)) {
            return text(response, callback, 400, "Expected h2c request");
        }
        String path = RequestViews.routingPath(request);
        if (path.equals("/health")) {
            return text(response, callback, 200, "OK");
        }
        if (path.startsWith("/status/")) {
            Matcher m = STATUS.matcher(RequestViews.rawUri(request));
            if (!m.matches()) {
                return text(response, callback, 400, "status path must be /status/NNN, got " + RequestViews.rawUri(request));
            }
            response.setStatus(Integer.parseInt(m.group(1)));
            callback.succeeded();
            return true;
        }
        if (path.startsWith("/retry/")) {
            return retry(request, response, callback);
        }
        return echoAfterDelay(request, response, callback);
    }

    private boolean echoAfterDelay(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String delayText = query.getValue("delay");
        if (delayText == null || delayText.isEmpty()) {
            return echo(request, response, callback);
        }
        Duration delay;
        try {
            delay = GoDuration.parse(delayText);
        } catch (IllegalArgumentException e) {
            return text(response, callback, 400, "query parameter delay: " + e.getMessage());
        }
        // Scheduled rather than slept: many instances share few threads and timeout tests use long delays.
        request.getComponents().getScheduler().schedule(() -> echo(request, response, callback),
                delay.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    private boolean retry(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String uuid = query.getValue("uuid");
        if (uuid == null || uuid.isEmpty()) {
            return text(response, callback, 400, "retry: query parameter uuid is required");
        }
        Integer succeedAfter = intParam(query, "succeedAfter");
        Integer responseCode = intParam(query, "responseCode");
        if (succeedAfter == null || query.getValue("responseCode") != null && responseCode == null) {
            return text(response, callback, 400,
                    "retry: succeedAfter (required) and responseCode (optional) must be integers");
        }
        Duration delay = Duration.ZERO;
        String delayText = query.getValue("delayRetry");
        if (delayText != null && !delayText.isEmpty()) {
            try {
                delay = GoDuration.parse(delayText);
            } catch (IllegalArgumentException e) {
                return text(response, callback, 400, "retry: query parameter delayRetry: " + e.getMessage());
            }
        }
        if (!retries.attemptFails(uuid, succeedAfter)) {
            return echo(request, response, callback);
        }
        Runnable fail = responseCode != null
                ? () -> text(response, callback, responseCode, "retry attempt failed on purpose")
                : () -> resetConnection(request, callback);
        if (delay.isZero()) {
            fail.run();
        } else {
            request.getComponents().getScheduler().schedule(fail, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private static Integer intParam(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Upstream hijacks the connection and closes it; SO_LINGER 0 turns the close into a TCP reset. */
    private static void resetConnection(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint.getTransport() instanceof NetworkChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // the plain close below still fails the attempt
            }
        }
        endPoint.close();
        callback.failed(new EofException("retry simulator reset the connection"));
    }

    private boolean echo(Request request, Response response, Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", RequestViews.rawUri(request));
        body.put("host", RequestViews.host(request));
        body.put("method", request.getMethod());
        body.put("proto", RequestViews.protocol(request));
        body.put("headers", RequestViews.headers(request));
        body.put("namespace", options.namespace());
        body.put("ingress", "");
        body.put("service", options.serviceName());
        body.put("pod", options.podName());
        body.put("httpPort", reportedHttpPort.get());
        Map<String, Object> tls = TlsDetails.of(request);
        if (tls != null) {
            body.put("tls", tls);
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return true;
        }
        List<String> setHeaders = request.getHeaders().getValuesList(EchoSetHeaders.REQUEST_HEADER);
        EchoSetHeaders.parse(setHeaders).forEach((name, value) -> response.getHeaders().put(name, value));
        // Exactly "application/json": the conformance client parses the body only for this exact value.
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    private static boolean upgradesToH2c(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("h2c");
    }

    private static boolean text(Response response, Callback callback, int status, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
