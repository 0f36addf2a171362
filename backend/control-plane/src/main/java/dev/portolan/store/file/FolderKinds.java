package dev.portolan.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.validation.KnownKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Resolution#kindsDefinedIn} for a folder that changes a file at a time: the CustomResourceDefinitions of a
 * file are looked for once per read of that file, and the kinds are recomputed (a new object, which makes
 * {@link ResolutionIndex} resolve every file again) only when some file's CRD documents changed. Used under the
 * store's lock.
 */
final class FolderKinds {
    /** The CRD documents of each file that has any, by path. */
    private final Map<String, List<JsonNode>> crdsByFile = new TreeMap<>();
    private KnownKinds kinds = KnownKinds.withCrds(List.of());

    /** Takes changed files in (null: the file is gone) and answers the kinds the folder defines now. */
    KnownKinds update(Map<String, ManifestFile> changes) {
        boolean changed = false;
        for (Map.Entry<String, ManifestFile> change : changes.entrySet()) {
            List<JsonNode> now = change.getValue() == null ? List.of() : Resolution.crdsIn(change.getValue());
            List<JsonNode> before = crdsByFile.getOrDefault(change.getKey(), List.of());
            if (!now.equals(before)) {
                changed = true;
            }
            if (now.isEmpty()) {
                crdsByFile.remove(change.getKey());
            } else {
                crdsByFile.put(change.getKey(), now);
            }
        }
        if (changed) {
            List<JsonNode> crds = new ArrayList<>();
            crdsByFile.values().forEach(crds::addAll);
            kinds = KnownKinds.withCrds(crds);
        }
        return kinds;
    }

    KnownKinds current() {
        return kinds;
    }
}
