package dev.portolan.echo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request an echo instance received, kept for mirror checks (upstream greps pod logs instead).
 *
 * @param pathAndQuery the raw request URI as received (path plus "?query"), what the echo JSON calls "path"
 * @param host         Host header / :authority as received
 * @param headers      canonical header name to values, one per header line, names sorted; Host excluded
 * @param protocol     "HTTP/1.1" or "HTTP/2.0"
 * @param port         the local port the request arrived on
 */
public record RecordedRequest(Instant receivedAt, String method, String pathAndQuery, String host,
                              Map<String, List<String>> headers, String protocol, int port) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }
}
