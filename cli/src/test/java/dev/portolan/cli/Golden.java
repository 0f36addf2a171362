package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text under src/test/resources/golden: output with what changes from run to run (ages, timestamps, uids)
 * masked; -Dgolden.update=true rewrites the files for review with git diff.
 */
final class Golden {
    private Golden() {
    }

    /** Ages end table rows (two or more spaces before them); timestamps and uids appear in YAML. */
    static String mask(String output) {
        return output
                .replaceAll("(?m)(\\S {2,})(?:(?:\\d+[smhdy])+|<unknown>)$", "$1<age>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z", "<time>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uid>");
    }

    static void assertMatches(String name, String output) throws IOException {
        Path file = Path.of(System.getProperty("golden.dir", "src/test/resources/golden")).resolve(name);
        String actual = mask(output);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            return;
        }
        assertEquals(Files.readString(file), actual, "golden " + file + " (-Dgolden.update=true rewrites it)");
    }
}
