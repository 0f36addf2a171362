package dev.portolan.store.file;

import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a write may land: inside the manifests folder and nowhere else. File names come from validated object
 * names already; this is the second line: the normalized path must stay under the folder, and no symbolic link on
 * the way (a linked sub-folder, or a link in the file's place) may lead out of it.
 */
final class ContainedPaths {
    private ContainedPaths() {
    }

    /**
     * @param root    the manifests folder, absolute and normalized
     * @param relPath a path relative to it, '/' separated
     * @throws StoreException.Invalid when the path leaves the folder
     */
    static Path resolve(Path root, String relPath, ResourceKey key) {
        Path path = root.resolve(relPath).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw outside(key, relPath);
        }
        try {
            Path realRoot = root.toRealPath();
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
                throw outside(key, relPath);
            }
        } catch (IOException e) {
            throw new StoreException.Unavailable(key, "cannot check where " + relPath + " leads: " + e);
        }
        return path;
    }

    private static StoreException.Invalid outside(ResourceKey key, String relPath) {
        return new StoreException.Invalid(key, "metadata.name", key + ": its file " + relPath
                + " would lie outside the manifests folder; refused");
    }
}
