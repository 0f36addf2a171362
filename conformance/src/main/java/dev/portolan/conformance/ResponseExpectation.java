package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The comparison rules of {@code cases/README.md} (upstream {@code CompareRoundTrip}) for one answer. */
public final class ResponseExpectation {
    private static final Set<Integer> TIMEOUTS = Set.of(408, 504);
    private static final Set<Integer> REDIRECTS = Set.of(300, 301, 302, 303, 304, 305, 307, 308);

    private ResponseExpectation() {
    }

    /** Why the answer does not meet {@code expect}, or empty when it does. */
    public static Optional<String> mismatch(JsonNode expect, String sentMethod, CapturedResponse response) {
        List<Integer> codes = new ArrayList<>();
        expect.path("statusCodes").forEach(c -> codes.add(c.asInt()));
        if (codes.isEmpty()) {
            codes.add(200);
        }
        int status = response.status();
        if (TIMEOUTS.contains(status) && codes.stream().anyMatch(TIMEOUTS::contains)) {
            return Optional.empty();
        }
        if (!codes.contains(status)) {
            return Optional.of("status " + status + ", expected one of " + codes + echoSummary(response));
        }
        if (status == 200 || status == 204) {
            Optional<String> request = BackendRequestCheck.mismatch(expect, sentMethod, response.echo());
            if (request.isPresent()) {
                return request;
            }
            Optional<String> headers = ResponseHeadersCheck.mismatch(expect, response);
            if (headers.isPresent()) {
                return headers;
            }
        }
        if (REDIRECTS.contains(status) && expect.hasNonNull("redirect")) {
            return RedirectCheck.mismatch(expect.get("redirect"), response.header("Location").map(l -> l.get(0)).orElse(null));
        }
        return Optional.empty();
    }

    private static String echoSummary(CapturedResponse response) {
        JsonNode echo = response.echo();
        return echo == null ? "" : " (echo pod " + echo.path("pod").asText() + ", path " + echo.path("path").asText() + ")";
    }
}
