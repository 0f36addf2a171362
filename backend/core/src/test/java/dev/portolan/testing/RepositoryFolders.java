package dev.portolan.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Folders of the repository that tests read, found from where this class was loaded (the module's
 * {@code target/test-classes}), so they do not depend on the working directory a test runner picked; everything a
 * test reads lives inside the repository.
 */
public final class RepositoryFolders {
    /** Overrides the conformance suite folder, e.g. to run the tests on another copy of the cases. */
    public static final String CASES_PROPERTY = "portolan.conformance.cases";
    static final Path CASES_IN_REPOSITORY = Path.of("conformance", "suite", "cases");

    private RepositoryFolders() {
    }

    /** The repository root: the nearest folder above this class's location holding pom.xml and deploy/. */
    public static Path root() {
        return rootAbove(classLocation())
                .or(() -> rootAbove(Path.of("").toAbsolutePath()))
                .orElseThrow(() -> new IllegalStateException("cannot find the repository root (a folder holding "
                        + "pom.xml and deploy/) above " + classLocation() + " or " + Path.of("").toAbsolutePath()));
    }

    /** The portable conformance cases: {@code conformance/suite/cases}, unless -D{@value #CASES_PROPERTY} says. */
    public static Path conformanceCases() {
        String override = System.getProperty(CASES_PROPERTY, "");
        Path dir = override.isBlank() ? root().resolve(CASES_IN_REPOSITORY) : Path.of(override).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("conformance cases not found at " + dir);
        }
        return dir;
    }

    /** The gwctl vectors and gwctl's example data, inside the conformance cases. */
    public static Path gwctlCases() {
        return conformanceCases().resolve("gwctl");
    }

    static Optional<Path> rootAbove(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Path classLocation() {
        CodeSource source = RepositoryFolders.class.getProtectionDomain().getCodeSource();
        try {
            return source == null ? Path.of("").toAbsolutePath() : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
