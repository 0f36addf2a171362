package dev.portolan.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.reading.ManifestMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-set part of every object (uid, creationTimestamp, generation, resourceVersion, status), kept in
 * {@code <folder>/.portolan/state.json} so that it survives restarts and hand edits of the manifests.
 */
final class StateFile {
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    static final String FOLDER = ".portolan";
    static final String NAME = "state.json";

    /** Everything the state file holds: the store-wide resourceVersion counter and the objects. */
    record Content(long counter, SortedMap<ResourceKey, ObjectState> objects) {
    }

    /** Grows with the objects and their statuses: no 3 MiB cap as on manifests. */
    private static final ObjectMapper READER = new ObjectMapper(ManifestMappers.stateJsonFactory());

    private final Path path;

    StateFile(Path manifestFolder) {
        this.path = manifestFolder.resolve(FOLDER).resolve(NAME);
    }

    Content load() {
        if (!Files.exists(path)) {
            return new Content(0, new TreeMap<>());
        }
        try {
            return decode(READER.readTree(path.toFile()));
        } catch (IOException | RuntimeException e) {
            // Keep the broken file for a human to inspect; start afresh (uids and generations restart).
            Path aside = path.resolveSibling(NAME + ".unreadable");
            LOG.warn("State file {} is unreadable ({}); moved to {} and starting with fresh server-set metadata",
                    path, e.getMessage(), aside);
            try {
                Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailure) {
                LOG.warn("Could not move {} aside: {}", path, moveFailure.getMessage());
            }
            return new Content(0, new TreeMap<>());
        }
    }

    /**
     * Writes every object's state, one JSON line per object. An object whose state is the one saved last time
     * reuses that line, so a save costs the changed objects' encoding plus a copy of the rest, not an encoding of
     * tens of MiB of statuses (which also kept the collector busy under churn). Called by one thread at a time.
     */
    synchronized void save(long counter, Map<ResourceKey, ObjectState> objects) throws IOException {
        Map<ResourceKey, Line> lines = new HashMap<>(Math.max(16, objects.size() * 4 / 3 + 1));
        SortedMap<ResourceKey, ObjectState> sorted = objects instanceof SortedMap<ResourceKey, ObjectState> s
                && s.comparator() == null ? s : new TreeMap<>(objects);
        AtomicFiles.write(path, writer -> {
            writer.write("{\"resourceVersionCounter\":" + counter + ",\"objects\":[");
            boolean first = true;
            for (Map.Entry<ResourceKey, ObjectState> entry : sorted.entrySet()) {
                Line line = saved.get(entry.getKey());
                if (line == null || line.state() != entry.getValue()) {
                    line = new Line(entry.getValue(), LINE_WRITER.writeValueAsString(
                            encode(entry.getKey(), entry.getValue())));
                }
                lines.put(entry.getKey(), line);
                writer.write(first ? "\n" : ",\n");
                writer.write(line.json());
                first = false;
            }
            writer.write("\n]}\n");
        });
        saved = lines;
    }

    /** One object's saved line and the (immutable) state it encodes. */
    private record Line(ObjectState state, String json) {
    }

    private static final ObjectWriter LINE_WRITER = Manifests.JSON.writer();
    /** The lines of the last save, by object. */
    private Map<ResourceKey, Line> saved = Map.of();

    private static ObjectNode encode(ResourceKey key, ObjectState state) {
        ObjectNode entry = Manifests.JSON.createObjectNode();
        entry.put("group", key.group());
        entry.put("kind", key.kind());
        entry.put("namespace", key.namespace());
        entry.put("name", key.name());
        entry.put("uid", state.uid());
        entry.put("creationTimestamp", state.creationTimestamp());
        entry.put("generation", state.generation());
        entry.put("resourceVersion", state.resourceVersion());
        entry.put("specHash", state.specHash());
        entry.put("objectHash", state.objectHash());
        entry.put("source", state.source());
        if (state.status() != null) {
            entry.set("status", state.status());
        }
        return entry;
    }

    private static Content decode(JsonNode root) {
        SortedMap<ResourceKey, ObjectState> objects = new TreeMap<>();
        for (JsonNode entry : root.path("objects")) {
            ResourceKey key = new ResourceKey(entry.path("group").asText(""), entry.path("kind").asText(),
                    entry.path("namespace").asText(""), entry.path("name").asText());
            JsonNode status = entry.get("status");
            objects.put(key, new ObjectState(entry.path("uid").asText(), entry.path("creationTimestamp").asText(),
                    entry.path("generation").asLong(1), entry.path("resourceVersion").asText(),
                    entry.path("specHash").asText(), entry.path("objectHash").asText(),
                    entry.path("source").asText(null),
                    status instanceof ObjectNode statusObject ? statusObject : null));
        }
        return new Content(root.path("resourceVersionCounter").asLong(0), objects);
    }
}
