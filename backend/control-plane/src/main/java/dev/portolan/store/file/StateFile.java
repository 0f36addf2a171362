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
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-set part of every object (uid, creationTimestamp, generation, resourceVersion, status), kept in
 * {@code <folder>/.portolan/state.json} so that it survives restarts and hand edits of the manifests.
 *
 * <p>A save writes only what changed: the changed objects' lines (and removals), then a commit line with the
 * counter, appended to {@code state.journal} beside the full file. When the journal would grow past the full file
 * the whole state is written again (atomically, under a new journal id) and the journal starts afresh. A load
 * reads the full file and replays the journal's committed batches if the journal names the full file's id (one
 * left from before a compaction names an older one and is ignored); a batch cut short by a crash is dropped, which
 * loses what a crash lost before: the metadata of the last half second, never a manifest.
 */
final class StateFile {
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    static final String FOLDER = ".portolan";
    static final String NAME = "state.json";
    static final String JOURNAL = "state.journal";
    /** Room for the journal's header line beyond the full file's size, which bounds the journal otherwise. */
    static final long MAX_BATCH_SLACK_BYTES = 64 * 1024;

    /** Everything the state file holds: the store-wide resourceVersion counter and the objects. */
    record Content(long counter, SortedMap<ResourceKey, ObjectState> objects) {
    }

    /** Grows with the objects and their statuses: no 3 MiB cap as on manifests. */
    private static final ObjectMapper READER = new ObjectMapper(ManifestMappers.stateJsonFactory());

    private final Path path;
    private final Path journal;
    /**
     * Every object's state as saved (full file and journal). Lines are not kept: encoding everything again on the
     * rare compaction costs less than holding tens of MiB of them.
     */
    private final Map<ResourceKey, ObjectState> saved = new HashMap<>();
    /** The id the full file and its journal share; null until a full file with one was read or written. */
    private String journalId;
    private long fullBytes;
    private long journalBytes;

    StateFile(Path manifestFolder) {
        this.path = manifestFolder.resolve(FOLDER).resolve(NAME);
        this.journal = manifestFolder.resolve(FOLDER).resolve(JOURNAL);
    }

    synchronized Content load() {
        saved.clear();
        journalId = null;
        if (!Files.exists(path)) {
            return new Content(0, new TreeMap<>());
        }
        Content content;
        try {
            JsonNode root = READER.readTree(path.toFile());
            content = decode(root);
            fullBytes = Files.size(path);
            String id = root.path("journal").asText(null);
            if (id != null) {
                content = replayJournal(id, content);
                journalId = id;
            }
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
        saved.putAll(content.objects());
        return content;
    }

    /** The full file's content with the journal's committed batches applied, when the journal belongs to it. */
    private Content replayJournal(String id, Content full) throws IOException {
        if (!Files.exists(journal)) {
            return full;
        }
        // a save folds the journal into the full file before it outgrows it: a bigger one is not ours to read
        long journalSize = Files.size(journal);
        if (journalSize > fullBytes + MAX_BATCH_SLACK_BYTES) {
            LOG.warn("State journal {} is {} bytes, more than its full file {} ({} bytes) ever lets it grow; using "
                    + "the full file alone", journal, journalSize, path, fullBytes);
            journalBytes = Long.MAX_VALUE / 2; // the next save writes everything and a fresh journal
            return full;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("State journal {} is unreadable ({}); using {} alone", journal, e.toString(), path);
            return full;
        }
        if (lines.isEmpty() || !id.equals(parseOrNull(lines.get(0)).path("journal").asText(null))) {
            return full; // left from before the last compaction (or torn at its start): the full file has it all
        }
        SortedMap<ResourceKey, ObjectState> objects = new TreeMap<>(full.objects());
        long counter = full.counter();
        Map<ResourceKey, ObjectState> batch = new HashMap<>();
        long bytes = lines.get(0).length() + 1L;
        boolean whole = true;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode entry = parseOrNull(line);
            if (entry.isMissingNode()) {
                whole = false; // cut short by a crash: the batch it was part of was not committed
                break;
            }
            if (entry.has("resourceVersionCounter")) {
                batch.forEach((key, state) -> {
                    if (state == null) {
                        objects.remove(key);
                    } else {
                        objects.put(key, state);
                    }
                });
                batch.clear();
                counter = entry.path("resourceVersionCounter").asLong(counter);
            } else if (entry.path("removed").asBoolean(false)) {
                batch.put(keyOf(entry), null);
            } else {
                batch.put(keyOf(entry), stateOf(entry));
            }
            bytes += line.length() + 1L;
        }
        // a torn or uncommitted tail must not have batches appended after it: the next save writes everything
        journalBytes = whole && batch.isEmpty() ? bytes : Long.MAX_VALUE / 2;
        return new Content(counter, objects);
    }

    private static JsonNode parseOrNull(String line) {
        try {
            JsonNode node = READER.readTree(line);
            return node != null && node.isObject() ? node : com.fasterxml.jackson.databind.node.MissingNode
                    .getInstance();
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /**
     * Saves what changed since the last save ({@code changes}: key to its state now, or to null when it is gone):
     * appended to the journal, or the whole state written again when the journal would outgrow the full file.
     * Called by one thread at a time.
     */
    synchronized void save(long counter, Map<ResourceKey, ObjectState> changes) throws IOException {
        StringBuilder batch = new StringBuilder();
        for (Map.Entry<ResourceKey, ObjectState> change : changes.entrySet()) {
            ResourceKey key = change.getKey();
            ObjectState state = change.getValue();
            if (state == null) {
                if (saved.remove(key) != null) {
                    batch.append(LINE_WRITER.writeValueAsString(encodeKey(key).put("removed", true))).append('\n');
                }
                continue;
            }
            if (saved.put(key, state) == state) {
                continue;
            }
            batch.append(LINE_WRITER.writeValueAsString(encode(key, state))).append('\n');
        }
        batch.append("{\"resourceVersionCounter\":").append(counter).append("}\n");
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        if (journalId == null || !Files.exists(journal) || journalBytes + bytes.length > fullBytes) {
            saveAll(counter);
        } else {
            try {
                Files.write(journal, bytes, StandardOpenOption.APPEND);
            } catch (IOException e) {
                journalBytes = Long.MAX_VALUE / 2; // maybe half written: the next save writes everything
                throw e;
            }
            journalBytes += bytes.length;
        }
    }

    /** Writes every object's state, one JSON line per object, under a new journal id; then an empty journal. */
    private void saveAll(long counter) throws IOException {
        String id = UUID.randomUUID().toString();
        SortedMap<ResourceKey, ObjectState> sorted = new TreeMap<>(saved);
        AtomicFiles.write(path, writer -> {
            writer.write("{\"resourceVersionCounter\":" + counter + ",\"journal\":\"" + id + "\",\"objects\":[");
            boolean first = true;
            for (Map.Entry<ResourceKey, ObjectState> entry : sorted.entrySet()) {
                writer.write(first ? "\n" : ",\n");
                writer.write(LINE_WRITER.writeValueAsString(encode(entry.getKey(), entry.getValue())));
                first = false;
            }
            writer.write("\n]}\n");
        });
        fullBytes = Files.size(path);
        // a crash before this leaves the old journal, which names the old id: ignored on load
        String header = "{\"journal\":\"" + id + "\"}\n";
        AtomicFiles.write(journal, header);
        journalId = id;
        journalBytes = header.length();
    }

    private static final ObjectWriter LINE_WRITER = Manifests.JSON.writer();

    private static ObjectNode encodeKey(ResourceKey key) {
        ObjectNode entry = Manifests.JSON.createObjectNode();
        entry.put("group", key.group());
        entry.put("kind", key.kind());
        entry.put("namespace", key.namespace());
        entry.put("name", key.name());
        return entry;
    }

    private static ObjectNode encode(ResourceKey key, ObjectState state) {
        ObjectNode entry = encodeKey(key);
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

    private static ResourceKey keyOf(JsonNode entry) {
        return new ResourceKey(entry.path("group").asText(""), entry.path("kind").asText(),
                entry.path("namespace").asText(""), entry.path("name").asText());
    }

    private static ObjectState stateOf(JsonNode entry) {
        JsonNode status = entry.get("status");
        return new ObjectState(entry.path("uid").asText(), entry.path("creationTimestamp").asText(),
                entry.path("generation").asLong(1), entry.path("resourceVersion").asText(),
                entry.path("specHash").asText(), entry.path("objectHash").asText(),
                entry.path("source").asText(null),
                status instanceof ObjectNode statusObject ? statusObject : null);
    }

    private static Content decode(JsonNode root) {
        SortedMap<ResourceKey, ObjectState> objects = new TreeMap<>();
        for (JsonNode entry : root.path("objects")) {
            objects.put(keyOf(entry), stateOf(entry));
        }
        return new Content(root.path("resourceVersionCounter").asLong(0), objects);
    }
}
