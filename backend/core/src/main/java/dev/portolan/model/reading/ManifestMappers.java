package dev.portolan.model.reading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;

/**
 * The one place manifest parsers are made: every YAML or JSON manifest Portolan reads (API bodies, files in the
 * manifests folder, its own state and built-in CRDs) goes through these factories, so the limits of
 * {@link ReadLimits} hold everywhere and duplicate keys are refused as kubectl refuses them.
 */
public final class ManifestMappers {
    private ManifestMappers() {
    }

    static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxDocumentLength(ReadLimits.MAX_TEXT_BYTES)
                .maxNestingDepth(ReadLimits.MAX_NESTING_DEPTH)
                .maxStringLength(ReadLimits.MAX_STRING_CHARS)
                .maxNameLength(ReadLimits.MAX_KEY_CHARS)
                .build();
    }

    /** A JSON factory with the limits and strict duplicate detection. */
    public static JsonFactory jsonFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * For Portolan's own state file ({@code .portolan/state.json}): its size grows with the number of objects and
     * their statuses, so it has no total size limit; nesting and duplicate keys are checked as for manifests.
     */
    public static JsonFactory stateJsonFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(ReadLimits.MAX_NESTING_DEPTH)
                        .maxStringLength(ReadLimits.MAX_STRING_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** A YAML factory with the limits and strict duplicate detection; the caller adds its writing options. */
    public static YAMLFactory yamlFactory(java.util.function.UnaryOperator<YAMLFactoryBuilder> writing) {
        YAMLFactoryBuilder builder = YAMLFactory.builder()
                .loaderOptions(BoundedYamlFactory.loaderOptions())
                .streamReadConstraints(constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        return new BoundedYamlFactory(writing.apply(builder));
    }
}
