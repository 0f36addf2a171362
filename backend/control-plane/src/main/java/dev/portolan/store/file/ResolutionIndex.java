package dev.portolan.store.file;

import dev.portolan.model.ManifestException;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.KnownKinds;
import dev.portolan.store.LoadProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Resolution#resolve} kept up to date a file at a time, with the same rules and results: a change costs the
 * documents of the changed files (and a walk of the states only while some document is broken), not every
 * document of the folder. A change of the kinds the folder defines (a CustomResourceDefinition) may change whether
 * any document is served, so it re-resolves every file. Used under the store's lock.
 */
final class ResolutionIndex {
    /** What one file contributes, worked out once per read of it. */
    private record FileFacts(ManifestFile file, List<Resolution.Definition> good, List<ResourceKey> brokenKeys,
                             List<String> brokenSources, boolean brokenFile,
                             List<Resolution.PendingProblem> localProblems) {
    }

    private final TreeMap<String, FileFacts> facts = new TreeMap<>();
    /** Good documents by object in (path, index) order: the first defines it, any other is a duplicate. */
    private final Map<ResourceKey, List<Resolution.Definition>> candidates = new HashMap<>();
    private final Map<ResourceKey, Resolution.Definition> defined = new HashMap<>();
    private final Map<ResourceKey, Integer> brokenKeys = new HashMap<>();
    private final Set<String> brokenSources = new HashSet<>();
    private final Set<String> brokenFiles = new HashSet<>();
    /** Files with a problem of their own (read failure, broken document, kind not served). */
    private final Set<String> problemFiles = new TreeSet<>();
    /** Objects defined more than once. */
    private final Set<ResourceKey> duplicated = new HashSet<>();
    private KnownKinds kinds;

    /**
     * Takes changed files in (null: the file is gone) and answers the objects whose definition changed: defined
     * now and not before or by another document, or no longer defined.
     */
    Set<ResourceKey> update(Map<String, ManifestFile> changes, KnownKinds kindsNow) {
        Set<ResourceKey> touched = new HashSet<>();
        Map<ResourceKey, Resolution.Definition> before = new HashMap<>();
        if (kinds != kindsNow) {
            // every document may be served or not now: resolve every file again
            kinds = kindsNow;
            Map<String, ManifestFile> all = new TreeMap<>();
            facts.forEach((path, fileFacts) -> all.put(path, fileFacts.file()));
            changes.forEach((path, file) -> {
                if (file == null) {
                    all.remove(path);
                } else {
                    all.put(path, file);
                }
            });
            for (String path : List.copyOf(facts.keySet())) {
                remove(path, touched, before);
            }
            all.forEach((path, file) -> add(file, touched, before));
        } else {
            for (Map.Entry<String, ManifestFile> change : changes.entrySet()) {
                remove(change.getKey(), touched, before);
                if (change.getValue() != null) {
                    add(change.getValue(), touched, before);
                }
            }
        }
        Set<ResourceKey> changed = new HashSet<>();
        for (ResourceKey key : touched) {
            List<Resolution.Definition> list = candidates.get(key);
            Resolution.Definition first = list == null ? null : list.get(0);
            if (first == null) {
                defined.remove(key);
            } else {
                defined.put(key, first);
            }
            if (list != null && list.size() > 1) {
                duplicated.add(key);
            } else {
                duplicated.remove(key);
            }
            if (before.get(key) != first) {
                changed.add(key);
            }
        }
        return changed;
    }

    /** Defined objects now (a live view). */
    Map<ResourceKey, Resolution.Definition> defined() {
        return Collections.unmodifiableMap(defined);
    }

    /** The resolution as {@link Resolution#resolve} answers it, for the given states and served objects. */
    Resolution resolution(Map<ResourceKey, ObjectState> states, Set<ResourceKey> served) {
        Set<ResourceKey> kept = new TreeSet<>();
        if (!brokenKeys.isEmpty() || !brokenSources.isEmpty() || !brokenFiles.isEmpty()) {
            states.forEach((key, state) -> {
                if (!defined.containsKey(key) && (brokenKeys.containsKey(key)
                        || brokenSources.contains(state.source()) || brokenFiles.contains(state.sourceFile()))) {
                    kept.add(key);
                }
            });
        }
        return new Resolution(defined(), kept, problems(kept, states, served));
    }

    private List<LoadProblem> problems(Set<ResourceKey> kept, Map<ResourceKey, ObjectState> states,
                                       Set<ResourceKey> served) {
        if (problemFiles.isEmpty() && duplicated.isEmpty()) {
            return List.of();
        }
        Set<String> paths = new TreeSet<>(problemFiles);
        for (ResourceKey key : duplicated) {
            List<Resolution.Definition> list = candidates.get(key);
            for (int i = 1; i < list.size(); i++) {
                paths.add(list.get(i).file().relPath());
            }
        }
        List<LoadProblem> problems = new ArrayList<>();
        for (String path : paths) {
            FileFacts fileFacts = facts.get(path);
            List<Resolution.PendingProblem> pending = new ArrayList<>();
            int local = 0;
            if (fileFacts.file().readFailure() == null) {
                for (ParsedDocument doc : fileFacts.file().documents()) {
                    if (local < fileFacts.localProblems().size()
                            && fileFacts.localProblems().get(local).documentIndex() == doc.index()) {
                        pending.add(fileFacts.localProblems().get(local++));
                        continue;
                    }
                    Resolution.Definition first = candidates.get(doc.key()).get(0);
                    if (first.document() != doc) {
                        pending.add(Resolution.duplicate(fileFacts.file(), doc, first));
                    }
                }
            } else {
                pending.addAll(fileFacts.localProblems());
            }
            for (Resolution.PendingProblem p : pending) {
                problems.add(p.toProblem(Resolution.keepsPrevious(p, kept, states, served)));
            }
        }
        return List.copyOf(problems);
    }

    private void add(ManifestFile file, Set<ResourceKey> touched, Map<ResourceKey, Resolution.Definition> before) {
        String path = file.relPath();
        List<Resolution.Definition> good = new ArrayList<>();
        List<ResourceKey> brokenKeysOfFile = new ArrayList<>();
        List<String> brokenSourcesOfFile = new ArrayList<>();
        List<Resolution.PendingProblem> localProblems = new ArrayList<>();
        boolean brokenFile = false;
        if (file.readFailure() != null) {
            brokenFile = true;
            localProblems.add(new Resolution.PendingProblem(path, -1, 0, null, "", file.readFailure(), false));
        } else {
            for (ParsedDocument doc : file.documents()) {
                if (!doc.ok()) {
                    brokenSourcesOfFile.add(ParsedDocument.source(path, doc.index()));
                    if (doc.key() != null) {
                        brokenKeysOfFile.add(doc.key());
                    } else {
                        brokenFile = true;
                    }
                    localProblems.add(new Resolution.PendingProblem(path, doc.index(), doc.line(), doc.key(),
                            doc.field(), doc.reason(), false));
                    continue;
                }
                ManifestException unserved = Resolution.unservedKind(kinds, doc);
                if (unserved != null) {
                    brokenSourcesOfFile.add(ParsedDocument.source(path, doc.index()));
                    brokenKeysOfFile.add(doc.key());
                    localProblems.add(new Resolution.PendingProblem(path, doc.index(), doc.line(), doc.key(),
                            unserved.field(), unserved.reason(), false));
                    continue;
                }
                good.add(new Resolution.Definition(file, doc));
            }
        }
        FileFacts fileFacts = new FileFacts(file, good, brokenKeysOfFile, brokenSourcesOfFile, brokenFile,
                localProblems);
        facts.put(path, fileFacts);
        for (Resolution.Definition definition : good) {
            ResourceKey key = definition.document().key();
            remember(key, before);
            touched.add(key);
            List<Resolution.Definition> list = candidates.computeIfAbsent(key, k -> new ArrayList<>(1));
            int at = list.size();
            while (at > 0 && comesAfter(list.get(at - 1), definition)) {
                at--;
            }
            list.add(at, definition);
        }
        for (ResourceKey key : brokenKeysOfFile) {
            brokenKeys.merge(key, 1, Integer::sum);
        }
        brokenSources.addAll(brokenSourcesOfFile);
        if (brokenFile) {
            brokenFiles.add(path);
        }
        if (!localProblems.isEmpty()) {
            problemFiles.add(path);
        }
    }

    private void remove(String path, Set<ResourceKey> touched, Map<ResourceKey, Resolution.Definition> before) {
        FileFacts old = facts.remove(path);
        if (old == null) {
            return;
        }
        for (Resolution.Definition definition : old.good()) {
            ResourceKey key = definition.document().key();
            remember(key, before);
            touched.add(key);
            List<Resolution.Definition> list = candidates.get(key);
            list.removeIf(candidate -> candidate == definition);
            if (list.isEmpty()) {
                candidates.remove(key);
            }
        }
        for (ResourceKey key : old.brokenKeys()) {
            brokenKeys.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        }
        old.brokenSources().forEach(brokenSources::remove);
        brokenFiles.remove(path);
        problemFiles.remove(path);
    }

    private void remember(ResourceKey key, Map<ResourceKey, Resolution.Definition> before) {
        if (!before.containsKey(key)) {
            before.put(key, defined.get(key));
        }
    }

    /** Whether {@code a} comes after {@code b} in (path, document index) order. */
    private static boolean comesAfter(Resolution.Definition a, Resolution.Definition b) {
        int byPath = a.file().relPath().compareTo(b.file().relPath());
        return byPath > 0 || byPath == 0 && a.document().index() > b.document().index();
    }
}
