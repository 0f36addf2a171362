package dev.portolan.proxy.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of the latest config object of each Gateway (by namespace/name) and its SHA-256, reused while it is the
 * same object. Each route's JSON is kept by route config object, so a changed Gateway encodes only its changed routes;
 * the digest streams the Gateway's JSON into SHA-256 with the kept route JSON written in as raw values, so a change
 * allocates the new routes' JSON and an index of the routes (about 20 bytes a route), not copies of the whole
 * Gateway's JSON (hundreds of KB at a thousand routes). The Gateway's text is assembled only when asked (to send it
 * to a remote proxy), from the same pieces.
 */
final class GatewayJson {
    private static final int MAX_GATEWAYS = 10_000;
    /** The {@link Encoded#routes} a Gateway is written with, as a Jackson attribute of that one write. */
    private static final String ROUTES = GatewayJson.class.getName() + ".routes";

    /** Encodes each new route config; its text is what the codec's mapper writes for that route in a Gateway. */
    private final ObjectMapper mapper;
    /** Encodes a Gateway as {@link #mapper} does, with each route's JSON taken from {@link #ROUTES}. */
    private final ObjectMapper gateways;
    private final ConcurrentHashMap<String, Encoded> byGateway = new ConcurrentHashMap<>();

    /**
     * @param mapper the codec's mapper
     * @param sameConfiguration a builder configured as {@code mapper} was, to write Gateways with
     */
    GatewayJson(ObjectMapper mapper, JsonMapper.Builder sameConfiguration) {
        this.mapper = mapper;
        this.gateways = sameConfiguration
                .addModule(new SimpleModule().addSerializer(RouteConfig.class, new RouteSerializer(mapper)))
                .build();
    }

    /**
     * One Gateway config object: the JSON of each of its route configs (by identity), and, once asked, the SHA-256
     * of its JSON's UTF-8 bytes and the JSON itself. Racing threads compute the same values, so either may win.
     */
    private static final class Encoded {
        final GatewayConfig gateway;
        final Map<RouteConfig, String> routes;
        volatile byte[] digest;
        volatile String json;

        Encoded(GatewayConfig gateway, Map<RouteConfig, String> routes) {
            this.gateway = gateway;
            this.routes = routes;
        }
    }

    /** The Gateway's JSON as the codec's mapper writes it, kept while the Gateway is the same object. */
    String json(GatewayConfig gateway) {
        Encoded encoded = encoded(gateway);
        String json = encoded.json;
        if (json == null) {
            // sized for the routes' JSON and some: grown at most once, rather than built in segments and joined
            int routeChars = routeChars(encoded);
            StringWriter out = new StringWriter(routeChars + routeChars / 16 + 1024);
            write(encoded, gateway, out);
            json = out.toString();
            encoded.json = json;
        }
        return json;
    }

    /** SHA-256 of the UTF-8 bytes of {@link #json}, computed without building that text or its bytes. */
    byte[] digest(GatewayConfig gateway) {
        Encoded encoded = encoded(gateway);
        byte[] digest = encoded.digest;
        if (digest == null) {
            Utf8DigestWriter out = new Utf8DigestWriter(Digests.sha256());
            write(encoded, gateway, out);
            digest = out.digest();
            encoded.digest = digest;
        }
        return digest;
    }

    /** Writes the Gateway's JSON, with its routes' kept JSON, as the codec's mapper would. */
    private void write(Encoded encoded, GatewayConfig gateway, Writer out) {
        try {
            writer(encoded).writeValue(out, gateway);
        } catch (IOException e) {
            throw cannotWrite(gateway, e);
        }
    }

    /** The length of the routes' JSON in the Gateway's JSON, every time a route is written. */
    private static int routeChars(Encoded encoded) {
        long chars = 0;
        for (ListenerConfig listener : encoded.gateway.listeners()) {
            for (RouteConfig route : listener.routes()) {
                chars += encoded.routes.get(route).length();
            }
        }
        return (int) Math.min(chars, Integer.MAX_VALUE / 2);
    }

    private ObjectWriter writer(Encoded encoded) {
        return gateways.writer().withAttribute(ROUTES, encoded.routes);
    }

    private Encoded encoded(GatewayConfig gateway) {
        String key = gateway.namespace() + "/" + gateway.name();
        Encoded known = byGateway.get(key);
        if (known != null && known.gateway == gateway) {
            return known;
        }
        Encoded encoded = new Encoded(gateway, routeJson(gateway, known == null ? Map.of() : known.routes));
        if (byGateway.size() >= MAX_GATEWAYS) {
            byGateway.clear(); // names of long-gone Gateways: start over rather than grow without bound
        }
        byGateway.put(key, encoded);
        return encoded;
    }

    /**
     * The JSON of each route config of {@code gateway}: taken from {@code last} when it is the same object, else
     * encoded now (here rather than while writing the Gateway, where a nested encoding could not reuse the writer's
     * buffers).
     */
    private Map<RouteConfig, String> routeJson(GatewayConfig gateway, Map<RouteConfig, String> last) {
        int count = 0;
        for (ListenerConfig listener : gateway.listeners()) {
            count += listener.routes().size();
        }
        Map<RouteConfig, String> routes = new IdentityHashMap<>(count);
        for (ListenerConfig listener : gateway.listeners()) {
            for (RouteConfig route : listener.routes()) {
                if (!routes.containsKey(route)) {
                    String json = last.get(route);
                    routes.put(route, json != null ? json : encode(mapper, route));
                }
            }
        }
        return routes;
    }

    static String encode(ObjectMapper mapper, RouteConfig route) {
        try {
            return mapper.writeValueAsString(route);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Route " + route.key() + " config cannot be written", e);
        }
    }

    private static IllegalStateException cannotWrite(GatewayConfig gateway, IOException e) {
        return new IllegalStateException("Gateway " + gateway.namespace() + "/" + gateway.name()
                + " config cannot be written", e);
    }

    /** Writes a route's JSON from the routes of the write ({@link #ROUTES}), as the codec's mapper would write it. */
    private static final class RouteSerializer extends JsonSerializer<RouteConfig> {
        private final ObjectMapper mapper;

        RouteSerializer(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public void serialize(RouteConfig route, JsonGenerator gen, SerializerProvider provider) throws IOException {
            @SuppressWarnings("unchecked")
            Map<RouteConfig, String> routes = (Map<RouteConfig, String>) provider.getAttribute(ROUTES);
            String json = routes == null ? null : routes.get(route);
            gen.writeRawValue(json != null ? json : encode(mapper, route));
        }
    }
}
