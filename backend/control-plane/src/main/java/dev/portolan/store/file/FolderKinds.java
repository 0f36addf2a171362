package dev.portolan.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.validation.KnownKinds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Resolution#kindsDefinedIn} for a folder that changes a file at a time: the CustomResourceDefinitions of a
 * file are looked for once per read of that file (files are immutable once read), and the kinds are recomputed
 * only when the set of CRD documents changed. Without it every write read every document of the folder twice.
 * Used under the store's lock.
 */
final class FolderKinds {
    private Map<ManifestFile, List<JsonNode>> crdsByFile = new IdentityHashMap<>();
    private List<JsonNode> lastCrds;
    private KnownKinds lastKinds;

    KnownKinds of(Collection<ManifestFile> files) {
        Map<ManifestFile, List<JsonNode>> next = new IdentityHashMap<>();
        List<JsonNode> crds = new ArrayList<>();
        for (ManifestFile file : files) {
            List<JsonNode> inFile = crdsByFile.get(file);
            if (inFile == null) {
                inFile = Resolution.crdsIn(file);
            }
            next.put(file, inFile);
            crds.addAll(inFile);
        }
        crdsByFile = next;
        if (lastKinds == null || !sameDocuments(crds, lastCrds)) {
            lastKinds = KnownKinds.withCrds(crds);
            lastCrds = crds;
        }
        return lastKinds;
    }

    private static boolean sameDocuments(List<JsonNode> a, List<JsonNode> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
