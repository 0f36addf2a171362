package dev.portolan.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ManifestException;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.KnownKinds;
import dev.portolan.store.LoadProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure: which document defines each object, which objects keep their last good version because their document
 * broke, and the problems to report. Files are taken in path order and documents in file order, so the first
 * definition of a duplicated object wins.
 *
 * @param defined objects with a good document, and where
 * @param kept    objects without a good document that must not be forgotten: their document (or its file) broke
 */
record Resolution(Map<ResourceKey, Definition> defined, Set<ResourceKey> kept, List<LoadProblem> problems) {

    /** A good document and the file holding it. */
    record Definition(ManifestFile file, ParsedDocument document) {
        String source() {
            return ParsedDocument.source(file.relPath(), document.index());
        }
    }

    /**
     * @param files  manifest files sorted by path
     * @param states the server-set state of the objects known so far
     * @param served objects the store serves now (a kept object is only served if it was)
     */
    static Resolution resolve(Collection<ManifestFile> files, Map<ResourceKey, ObjectState> states,
                              Set<ResourceKey> served) {
        return resolve(files, kindsDefinedIn(files), states, served);
    }

    /** {@link #resolve(Collection, Map, Set)} with the kinds the files define, known already. */
    static Resolution resolve(Collection<ManifestFile> files, KnownKinds kinds, Map<ResourceKey, ObjectState> states,
                              Set<ResourceKey> served) {
        Map<ResourceKey, Definition> defined = new LinkedHashMap<>();
        Set<ResourceKey> brokenKeys = new HashSet<>();
        Set<String> brokenFiles = new HashSet<>();
        Set<String> brokenSources = new HashSet<>();
        List<PendingProblem> pending = new ArrayList<>();
        for (ManifestFile file : files) {
            if (file.readFailure() != null) {
                brokenFiles.add(file.relPath());
                pending.add(new PendingProblem(file.relPath(), -1, 0, null, "", file.readFailure(), false));
                continue;
            }
            for (ParsedDocument doc : file.documents()) {
                if (!doc.ok()) {
                    brokenSources.add(ParsedDocument.source(file.relPath(), doc.index()));
                    if (doc.key() != null) {
                        brokenKeys.add(doc.key());
                    } else {
                        brokenFiles.add(file.relPath());
                    }
                    pending.add(new PendingProblem(file.relPath(), doc.index(), doc.line(), doc.key(), doc.field(),
                            doc.reason(), false));
                    continue;
                }
                ManifestException unserved = unservedKind(kinds, doc);
                if (unserved != null) {
                    brokenSources.add(ParsedDocument.source(file.relPath(), doc.index()));
                    brokenKeys.add(doc.key());
                    pending.add(new PendingProblem(file.relPath(), doc.index(), doc.line(), doc.key(),
                            unserved.field(), unserved.reason(), false));
                    continue;
                }
                Definition first = defined.get(doc.key());
                if (first != null) {
                    pending.add(duplicate(file, doc, first));
                    continue;
                }
                defined.put(doc.key(), new Definition(file, doc));
            }
        }
        Set<ResourceKey> kept = new TreeSet<>();
        states.forEach((key, state) -> {
            if (!defined.containsKey(key) && (brokenKeys.contains(key) || brokenSources.contains(state.source())
                    || brokenFiles.contains(state.sourceFile()))) {
                kept.add(key);
            }
        });
        List<LoadProblem> problems = new ArrayList<>(pending.size());
        for (PendingProblem p : pending) {
            problems.add(p.toProblem(keepsPrevious(p, kept, states, served)));
        }
        return new Resolution(defined, kept, List.copyOf(problems));
    }

    /** Built-in kinds and those of the CustomResourceDefinitions the folder holds. */
    static KnownKinds kindsDefinedIn(Collection<ManifestFile> files) {
        List<JsonNode> crds = new ArrayList<>();
        for (ManifestFile file : files) {
            crds.addAll(crdsIn(file));
        }
        return KnownKinds.withCrds(crds);
    }

    /** The good CustomResourceDefinition documents of one file. */
    static List<JsonNode> crdsIn(ManifestFile file) {
        List<JsonNode> crds = new ArrayList<>();
        for (ParsedDocument doc : file.documents()) {
            if (doc.ok() && KnownKinds.isCrd(doc.userPart())) {
                crds.add(doc.userPart());
            }
        }
        return crds;
    }

    /** Why the document's group/version/kind is not served, or null when it is. */
    static ManifestException unservedKind(KnownKinds kinds, ParsedDocument doc) {
        try {
            kinds.check(doc.userPart().path("apiVersion").asText(), doc.key().kind());
            return null;
        } catch (ManifestException e) {
            return e;
        }
    }

    static boolean keepsPrevious(PendingProblem p, Set<ResourceKey> kept, Map<ResourceKey, ObjectState> states,
                                         Set<ResourceKey> served) {
        if (p.duplicate) {
            return false;
        }
        String source = ParsedDocument.source(p.file, p.documentIndex);
        for (ResourceKey key : kept) {
            if (!served.contains(key)) {
                continue;
            }
            ObjectState state = states.get(key);
            if (key.equals(p.key) || source.equals(state.source())
                    || p.key == null && p.file.equals(state.sourceFile())) {
                return true;
            }
        }
        return false;
    }

    static PendingProblem duplicate(ManifestFile file, ParsedDocument doc, Definition first) {
        return new PendingProblem(file.relPath(), doc.index(), doc.line(), doc.key(), "",
                "duplicate definition: " + doc.key() + " is already defined in " + first.file().relPath()
                        + " document " + first.document().index() + "; this one is ignored", true);
    }

    record PendingProblem(String file, int documentIndex, int line, ResourceKey key, String field,
                          String reason, boolean duplicate) {
        LoadProblem toProblem(boolean keptPrevious) {
            return new LoadProblem(file, documentIndex, line, key, field, reason, keptPrevious);
        }
    }
}
