package dev.portolan.proxy.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTokenWithoutTheTrailingNewlineAndSeesChanges() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "abc.def-ghi\n");
        TokenFile token = new TokenFile(file);
        assertEquals("abc.def-ghi", token.read());
        Files.writeString(file, "rotated");
        assertEquals("rotated", token.read());
    }

    @Test
    void emptyMissingOrMalformedFilesAreNamed() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertEquals("token file " + empty + " is empty",
                assertThrows(IOException.class, () -> new TokenFile(empty).read()).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals("token file " + missing + " does not exist",
                assertThrows(IOException.class, () -> new TokenFile(missing).read()).getMessage());
        Path twoWords = Files.writeString(dir.resolve("two"), "a b");
        assertEquals("token file " + twoWords + " holds whitespace or non-ASCII characters inside the token;"
                + " expected one bearer token",
                assertThrows(IOException.class, () -> new TokenFile(twoWords).read()).getMessage());
        assertEquals("token file " + dir + " cannot be read (IOException: Is a directory)",
                assertThrows(IOException.class, () -> new TokenFile(dir).read()).getMessage());
    }
}
