package dev.portolan.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares output with a checked-in golden file. Run with {@code -Dgolden.update=true} to (re)write the golden
 * files instead; {@code git diff} then shows what changed.
 */
public final class GoldenFiles {
    public static final String UPDATE_PROPERTY = "golden.update";

    private GoldenFiles() {
    }

    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Asserts that {@code expectedFile} holds exactly {@code actual}, or rewrites it when updating. */
    public static void assertMatches(Path expectedFile, String actual) {
        try {
            if (updating()) {
                Files.createDirectories(expectedFile.getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(expectedFile)) {
                fail("golden file " + expectedFile + " is missing; run the test with -D" + UPDATE_PROPERTY
                        + "=true to create it, then review it");
            }
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail("output differs from " + expectedFile + " (run with -D" + UPDATE_PROPERTY
                        + "=true to accept, then review git diff):\n"
                        + LineDiff.unified(expected.lines().toList(), actual.lines().toList(), 3));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists scenario folders (sorted) under a directory. */
    public static List<Path> scenarios(Path root) {
        try (var stream = Files.list(root)) {
            return stream.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
