package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The {@code Location} of a redirect versus {@code expect.redirect} (rule 4 of {@code cases/README.md}). */
final class RedirectCheck {
    private RedirectCheck() {
    }

    static Optional<String> mismatch(JsonNode wanted, String location) {
        if (location == null) {
            return Optional.of("redirect without a Location header");
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return Optional.of("redirect Location " + BackendRequestCheck.quote(location) + " is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String where = "redirect Location " + BackendRequestCheck.quote(location);
        if (wanted.hasNonNull("scheme") && !wanted.get("scheme").asText().equalsIgnoreCase(scheme)) {
            return Optional.of(where + ": scheme " + BackendRequestCheck.quote(scheme) + ", expected " + BackendRequestCheck.quote(wanted.get("scheme").asText()));
        }
        if (wanted.hasNonNull("host") && !wanted.get("host").asText().equalsIgnoreCase(uri.getHost() == null ? "" : uri.getHost())) {
            return Optional.of(where + ": host " + BackendRequestCheck.quote(uri.getHost()) + ", expected " + BackendRequestCheck.quote(wanted.get("host").asText()));
        }
        int port = uri.getPort();
        if (wanted.hasNonNull("port")) {
            if (port != wanted.get("port").asInt()) {
                return Optional.of(where + ": port " + (port < 0 ? "absent" : port) + ", expected " + wanted.get("port").asInt());
            }
        } else if (port >= 0 && port != defaultPort(scheme)) {
            return Optional.of(where + ": port " + port + ", expected none or the default port of " + scheme);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (wanted.hasNonNull("path") && !wanted.get("path").asText().equals(path)) {
            return Optional.of(where + ": path " + BackendRequestCheck.quote(path) + ", expected " + BackendRequestCheck.quote(wanted.get("path").asText()));
        }
        return Optional.empty();
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : scheme.equalsIgnoreCase("http") ? 80 : -1;
    }
}
