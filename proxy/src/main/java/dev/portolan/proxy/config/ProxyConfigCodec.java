package dev.portolan.proxy.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON form of {@link ProxyConfig}: the wire format between control plane and remote proxies.
 * Output is deterministic (map keys sorted, nulls omitted); input is strict (unknown fields rejected).
 * Instants and durations are ISO-8601 strings ({@code 2024-01-01T00:00:00Z}, {@code PT1.5S}).
 */
public final class ProxyConfigCodec {
    private static final ObjectMapper MAPPER = mapper().build();
    /**
     * Encodes a Gateway as {@link #MAPPER} does, but writes each route's JSON from the Gateway's last encoding when
     * the route's config is the same object ({@link RouteJson}): a changed Gateway encodes only its changed routes.
     */
    private static final ObjectMapper GATEWAY_MAPPER = mapper()
            .addModule(new SimpleModule().addSerializer(RouteConfig.class, new RouteJson.Serializer()))
            .build();

    private static JsonMapper.Builder mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(timeModule());
    }

    /** The JSON of each route config object of one Gateway's encoding, for the next encoding of that Gateway. */
    private static final class RouteJson {
        private static final ThreadLocal<RouteJson> ENCODING = new ThreadLocal<>();
        private final Map<RouteConfig, String> previous;
        private final Map<RouteConfig, String> written = new IdentityHashMap<>();

        private RouteJson(Map<RouteConfig, String> previous) {
            this.previous = previous;
        }

        /** Writes a route's JSON as {@link #MAPPER} would, taken from the last encoding when it is the same object. */
        static final class Serializer extends JsonSerializer<RouteConfig> {
            @Override
            public void serialize(RouteConfig route, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                RouteJson routes = ENCODING.get();
                String json = routes == null ? null : routes.previous.get(route);
                if (json == null) {
                    json = MAPPER.writeValueAsString(route);
                }
                if (routes != null) {
                    routes.written.put(route, json);
                }
                gen.writeRawValue(json);
            }
        }
    }

    private ProxyConfigCodec() {
    }

    /**
     * The JSON of {@code config}: the same bytes as encoding it whole, assembled from the JSON of each Gateway, which
     * is encoded once per Gateway config object (a config that changed one Gateway encodes only that one again).
     */
    public static String toJson(ProxyConfig config) {
        StringBuilder out = new StringBuilder();
        writeJson(config, out::append);
        return out.toString();
    }

    /**
     * The text of {@link #toJson} in pieces, in order, without joining them: a digest of a big config need not
     * build one big String (megabytes at thousands of routes, a humongous allocation on every change).
     */
    public static void writeJson(ProxyConfig config, java.util.function.Consumer<String> out) {
        out.accept("{\"version\":" + quoted(config.version()) + ",\"gateways\":[");
        for (int i = 0; i < config.gateways().size(); i++) {
            if (i > 0) {
                out.accept(",");
            }
            out.accept(GATEWAY_JSON.of(config.gateways().get(i)));
        }
        out.accept("]}");
    }

    /** As Jackson writes the version (which {@link ProxyConfig} restricts to characters needing no escape). */
    private static String quoted(String version) {
        return '"' + version + '"';
    }

    private static final GatewayJson GATEWAY_JSON = new GatewayJson();

    /**
     * SHA-256 of one Gateway's JSON (as {@link #toJson} writes it), kept with that JSON while the Gateway's config is
     * the same object: a config version is digested from these, not from the whole text again.
     */
    static byte[] gatewayDigest(GatewayConfig gateway) {
        return GATEWAY_JSON.digest(gateway);
    }

    /** The JSON of the latest config object of each Gateway (by namespace/name), reused while it is the same object. */
    private static final class GatewayJson {
        private static final int MAX_GATEWAYS = 10_000;
        /**
         * @param digest SHA-256 of {@code json}'s UTF-8 bytes, taken when first asked
         * @param routes the JSON of each route config in it, by identity
         */
        private record Encoded(GatewayConfig gateway, String json, byte[][] digest, Map<RouteConfig, String> routes) {
        }

        private final java.util.concurrent.ConcurrentHashMap<String, Encoded> byGateway =
                new java.util.concurrent.ConcurrentHashMap<>();

        String of(GatewayConfig gateway) {
            return encoded(gateway).json();
        }

        byte[] digest(GatewayConfig gateway) {
            Encoded encoded = encoded(gateway);
            byte[] digest = encoded.digest()[0];
            if (digest == null) {
                digest = Digests.sha256(encoded.json()); // pure: two threads racing compute the same bytes
                encoded.digest()[0] = digest;
            }
            return digest;
        }

        private Encoded encoded(GatewayConfig gateway) {
            String key = gateway.namespace() + "/" + gateway.name();
            Encoded known = byGateway.get(key);
            if (known != null && known.gateway() == gateway) {
                return known;
            }
            Encoded encoded;
            if (known != null && worthRouteByRoute(gateway, known.routes())) {
                RouteJson routes = new RouteJson(known.routes());
                RouteJson.ENCODING.set(routes);
                try {
                    encoded = new Encoded(gateway, encode(GATEWAY_MAPPER, gateway), new byte[1][], routes.written);
                } finally {
                    RouteJson.ENCODING.remove();
                }
            } else {
                encoded = new Encoded(gateway, encode(MAPPER, gateway), new byte[1][], Map.of());
            }
            if (byGateway.size() >= MAX_GATEWAYS) {
                byGateway.clear(); // names of long-gone Gateways: start over rather than grow without bound
            }
            byGateway.put(key, encoded);
            return encoded;
        }

        /**
         * Route by route (each route its own small encoding, kept for next time) pays when most routes are the same
         * objects as last time, or to start keeping them; a Gateway first seen, or one whose routes are all new
         * (everything was translated again), is encoded in one go, and route by route on its next change.
         */
        private static boolean worthRouteByRoute(GatewayConfig gateway, Map<RouteConfig, String> last) {
            if (last.isEmpty()) {
                return true;
            }
            int routes = 0;
            int kept = 0;
            for (ListenerConfig listener : gateway.listeners()) {
                for (RouteConfig route : listener.routes()) {
                    routes++;
                    if (last.containsKey(route)) {
                        kept++;
                    }
                }
            }
            return kept * 2 >= routes;
        }

        private static String encode(ObjectMapper mapper, GatewayConfig gateway) {
            try {
                return mapper.writeValueAsString(gateway);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Gateway " + gateway.namespace() + "/" + gateway.name()
                        + " config cannot be written", e);
            }
        }
    }

    /** Jackson's encoding of the whole config in one go; {@link #toJson} gives the same text. */
    static String toJsonWhole(ProxyConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ProxyConfig version " + config.version() + " cannot be written", e);
        }
    }

    public static ProxyConfig fromJson(String json) {
        try {
            return MAPPER.readValue(json, ProxyConfig.class);
        } catch (JsonProcessingException e) {
            throw describe(e);
        }
    }

    private static ProxyConfigException describe(JsonProcessingException e) {
        JsonProcessingException syntax = e.getCause() instanceof StreamReadException cause ? cause : e;
        if (syntax instanceof StreamReadException) {
            String where = syntax.getLocation() == null
                    ? "$"
                    : "line " + syntax.getLocation().getLineNr() + " column " + syntax.getLocation().getColumnNr();
            return new ProxyConfigException(where, "malformed JSON: " + syntax.getOriginalMessage(), e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String path = path(unknown);
            return new ProxyConfigException(path, "unknown field '" + unknown.getPropertyName() + "'", e);
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return new ProxyConfigException(path(invalid), invalid.getCause().getMessage(), e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && mismatch.getTargetType().isPrimitive() && e.getOriginalMessage().contains("`null`")) {
            // Numbers and booleans have no "absent" value, so they are always required.
            return new ProxyConfigException(path(mismatch), "required " + mismatch.getTargetType().getName()
                    + " is missing or null", e);
        }
        if (e instanceof JsonMappingException mapping) {
            return new ProxyConfigException(path(mapping), e.getOriginalMessage(), e);
        }
        return new ProxyConfigException("$", e.getOriginalMessage(), e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder("$");
        List<JsonMappingException.Reference> refs = e.getPath();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static SimpleModule timeModule() {
        SimpleModule module = new SimpleModule("portolan-time");
        module.addSerializer(Instant.class, new ToStringSerializer<>());
        module.addDeserializer(Instant.class, new ParsingDeserializer<>("an ISO-8601 instant", Instant::parse));
        module.addSerializer(Duration.class, new ToStringSerializer<>());
        module.addDeserializer(Duration.class, new ParsingDeserializer<>("an ISO-8601 duration", Duration::parse));
        return module;
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class ParsingDeserializer<T> extends JsonDeserializer<T> {
        private final String expected;
        private final Function<String, T> parser;

        ParsingDeserializer(String expected, Function<String, T> parser) {
            this.expected = expected;
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parser.apply(text);
            } catch (DateTimeParseException | NullPointerException e) {
                throw JsonMappingException.from(p, "expected " + expected + ", got '" + text + "'");
            }
        }
    }
}
