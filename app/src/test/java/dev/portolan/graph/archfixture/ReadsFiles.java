package dev.portolan.graph.archfixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** ArchitectureTest's fixture: core code that reads a file. */
public final class ReadsFiles {
    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
