package dev.portolan.store.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SortedMap;
import java.util.TreeMap;

/** Lists the manifest files of a folder tree with their stamps; hidden files and folders are no manifests. */
final class FolderScanner {
    /** What tells a file changed without reading it. */
    record Stamp(long size, long modifiedNanos) {
    }

    private FolderScanner() {
    }

    static boolean isManifestName(String name) {
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    /** Relative path ('/' separators) to stamp, sorted by path. */
    static SortedMap<String, Stamp> scan(Path root) throws IOException {
        SortedMap<String, Stamp> found = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isManifestName(file.getFileName().toString())) {
                    found.put(relative(root, file), stamp(attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Vanished between listing and reading (a rename in progress): the next poll sees the new state.
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    static Stamp stamp(BasicFileAttributes attrs) {
        return new Stamp(attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
