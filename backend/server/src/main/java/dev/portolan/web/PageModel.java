package dev.portolan.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.model.Manifests;
import dev.portolan.snapshot.SnapshotService;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * What every dashboard page gets: the navigation key, snapshot and config versions; and the conversion of API
 * JSON into plain maps and lists for Thymeleaf. Pages render the same data the REST API serves.
 */
@Singleton
public class PageModel {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final SnapshotService snapshots;
    private final ConfigPublisher configs;

    public PageModel(SnapshotService snapshots, ConfigPublisher configs) {
        this.snapshots = snapshots;
        this.configs = configs;
    }

    /** A model with the common fields; add the page's own. */
    public Map<String, Object> page(String nav) {
        Map<String, Object> model = new HashMap<>();
        model.put("nav", nav);
        model.put("snapshotVersion", snapshots.current().version());
        PublishedConfig config = configs.current();
        model.put("configVersion", config == null ? "none yet" : config.version());
        return model;
    }

    /** API JSON as nested maps and lists. */
    public static Map<String, Object> plain(JsonNode json) {
        return Manifests.JSON.convertValue(json, MAP);
    }
}
