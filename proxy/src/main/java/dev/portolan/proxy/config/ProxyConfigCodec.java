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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON form of {@link ProxyConfig}: the wire format between control plane and remote proxies.
 * Output is deterministic (map keys sorted, nulls omitted); input is strict (unknown fields rejected).
 * Instants and durations are ISO-8601 strings ({@code 2024-01-01T00:00:00Z}, {@code PT1.5S}).
 */
public final class ProxyConfigCodec {
    private static final ObjectMapper MAPPER = mapper().build();
    private static final GatewayJson GATEWAY_JSON = new GatewayJson(MAPPER, mapper());

    private static JsonMapper.Builder mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(timeModule());
    }

    private ProxyConfigCodec() {
    }

    /**
     * The JSON of {@code config}: the same bytes as encoding it whole, assembled from the JSON of each Gateway, which
     * is encoded once per Gateway config object (a config that changed one Gateway encodes only that one again).
     */
    public static String toJson(ProxyConfig config) {
        List<String> pieces = new ArrayList<>(2 * config.gateways().size() + 2);
        writeJson(config, pieces::add);
        return String.join("", pieces); // sized once, not grown (a Gateway's text may be hundreds of KB)
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
            out.accept(GATEWAY_JSON.json(config.gateways().get(i)));
        }
        out.accept("]}");
    }

    /** As Jackson writes the version (which {@link ProxyConfig} restricts to characters needing no escape). */
    private static String quoted(String version) {
        return '"' + version + '"';
    }

    /**
     * SHA-256 of the UTF-8 bytes of one Gateway's JSON (as {@link #toJson} writes it), computed without building that
     * text and kept while the Gateway's config is the same object: a config version is digested from these, not from
     * the whole text again.
     */
    static byte[] gatewayDigest(GatewayConfig gateway) {
        return GATEWAY_JSON.digest(gateway);
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
