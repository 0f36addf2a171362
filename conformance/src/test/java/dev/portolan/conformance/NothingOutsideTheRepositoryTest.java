package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone is enough: no source, pom, script or test input names the folder beside the repository that the
 * conformance cases used to be read from. Markdown is documentation (no build or test step reads it) and is left out.
 */
class NothingOutsideTheRepositoryTest {
    /** Written in pieces so that this file does not match itself. */
    private static final List<String> FORBIDDEN = List.of(".." + "/shared", "/work" + "/shared");
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", "node",
            "test-results", "artifacts", ".portolan", ".idea", ".vscode"); // .gitignore: built or downloaded
    private static final long LARGEST_TEXT_FILE = 4 * 1024 * 1024;

    @Test
    void noFileOfTheRepositoryReadsTheSharedFolderBesideIt() throws IOException {
        Path root = RepositoryFolders.root();
        List<Path> scanned = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> checked(root, f))::iterator) {
                scanned.add(root.relativize(file));
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                forbiddenIn(text).ifPresent(needle -> offenders.add(root.relativize(file) + " names " + needle));
            }
        }
        // the walk really covered the kinds of files the rule is about
        for (String expected : List.of("portolan", ".ci/run", "pom.xml", "backend/pom.xml", "backend/core/pom.xml",
                "backend/core/src/test/java/dev/portolan/policy/GwctlVectors.java",
                "backend/core/src/test/resources/golden/gwctl-readme-example/inputs.txt",
                "conformance/src/test/java/dev/portolan/conformance/StatusConformanceTest.java")) {
            assertTrue(scanned.contains(Path.of(expected)), expected + " was not scanned");
        }
        assertEquals(List.of(), offenders, "files reading outside the repository");
    }

    @Test
    void theCheckFindsAReferenceToTheSharedFolder() {
        // the lines this repository had before the suite moved in (split so that this file does not match)
        assertEquals(Optional.of(FORBIDDEN.get(0)),
                forbiddenIn("Path.of(System.getProperty(\"cases\", \"../../sha" + "red/conformance/cases\"))"));
        assertEquals(Optional.of(FORBIDDEN.get(0)), forbiddenIn("../sha" + "red/conformance/cases/gwctl/x.yaml"));
        assertEquals(Optional.of(FORBIDDEN.get(1)), forbiddenIn("cp -r /work/sha" + "red/conformance ."));
        assertFalse(forbiddenIn("manifests shared by the write tests; ../conformance/suite").isPresent());
    }

    static Optional<String> forbiddenIn(String text) {
        return FORBIDDEN.stream().filter(text::contains).findFirst();
    }

    private static boolean checked(Path root, Path file) {
        Path relative = root.relativize(file);
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        try {
            return Files.isRegularFile(file) && !name.endsWith(".md") && Files.size(file) <= LARGEST_TEXT_FILE;
        } catch (IOException e) {
            return true; // unreadable: let the read fail loudly
        }
    }
}
