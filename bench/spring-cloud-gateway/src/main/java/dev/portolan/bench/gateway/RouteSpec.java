package dev.portolan.bench.gateway;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code bench.routes}: comma-separated {@code PORT=URI} pairs, e.g. {@code 29220=http://127.0.0.1:29180}. */
final class RouteSpec {

    private RouteSpec() {
    }

    static Map<Integer, URI> parse(String spec) {
        Map<Integer, URI> routes = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("bench.routes: '" + pair + "' is not PORT=URI");
            }
            int port;
            try {
                port = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bench.routes: port '" + parts[0] + "' is not a number");
            }
            if (routes.put(port, URI.create(parts[1].trim())) != null) {
                throw new IllegalArgumentException("bench.routes: port " + port + " is given twice");
            }
        }
        return routes;
    }
}
