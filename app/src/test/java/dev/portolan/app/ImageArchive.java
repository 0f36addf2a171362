package dev.portolan.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A container image tarball in Docker's {@code docker save} layout (what {@code jib:buildTar} writes and
 * {@code docker load} reads): {@code manifest.json} naming the config and the gzipped layers in order.
 */
final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file, directory or link of a layer, as the tar header describes it. */
    record Entry(String path, int mode, long size, boolean directory) {
    }

    private final Path unpacked;
    private final JsonNode manifest;
    private final JsonNode config;

    private ImageArchive(Path unpacked, JsonNode manifest, JsonNode config) {
        this.unpacked = unpacked;
        this.manifest = manifest;
        this.config = config;
    }

    /** Unpacks the outer tar into {@code workDir} and reads its manifest and config. */
    static ImageArchive unpack(Path tarball, Path workDir) throws IOException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("image tarball " + tarball + " does not exist; the package phase of the"
                    + " app module writes it (unless -Dportolan.image.skip=true)");
        }
        try (InputStream in = Files.newInputStream(tarball)) {
            extract(in, workDir);
        }
        JsonNode manifests = JSON.readTree(workDir.resolve("manifest.json").toFile());
        if (!manifests.isArray() || manifests.size() != 1) {
            throw new IllegalStateException(tarball + ": manifest.json must list exactly one image, got " + manifests);
        }
        JsonNode manifest = manifests.get(0);
        JsonNode config = JSON.readTree(workDir.resolve(manifest.path("Config").asText()).toFile());
        return new ImageArchive(workDir, manifest, config);
    }

    List<String> repoTags() {
        List<String> tags = new ArrayList<>();
        manifest.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    /** The image config's {@code config} object: Entrypoint, Cmd, User, Env, ExposedPorts, Labels, ... */
    JsonNode runConfig() {
        return config.path("config");
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        runConfig().path(field).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Env as a map, in the image's order. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : strings("Env")) {
            int equals = pair.indexOf('=');
            env.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return env;
    }

    /** Each layer's entries in layer order; paths without a leading "/" or trailing "/". */
    List<List<Entry>> layerEntries() throws IOException {
        List<List<Entry>> layers = new ArrayList<>();
        for (Path layer : layers()) {
            List<Entry> entries = new ArrayList<>();
            try (TarArchiveInputStream tar = layerStream(layer)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    String path = normalized(entry.getName(), layer);
                    entries.add(new Entry(path, entry.getMode() & 07777, entry.getSize(), entry.isDirectory()));
                }
            }
            layers.add(entries);
        }
        return layers;
    }

    /** What the layers add up to: by path, a later layer's entry winning. */
    Map<String, Entry> entries() throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        layerEntries().forEach(layer -> layer.forEach(entry -> entries.put(entry.path(), entry)));
        return entries;
    }

    /** Lays the layers over each other under {@code root}, as a container runtime does. */
    void extractLayersTo(Path root) throws IOException {
        for (Path layer : layers()) {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer)))) {
                extract(in, root);
            }
        }
    }

    private List<Path> layers() {
        List<Path> layers = new ArrayList<>();
        manifest.path("Layers").forEach(layer -> layers.add(unpacked.resolve(layer.asText())));
        return layers;
    }

    private static TarArchiveInputStream layerStream(Path layer) throws IOException {
        return new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer))));
    }

    private static void extract(InputStream in, Path root) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            String path = normalized(entry.getName(), root);
            Path target = root.resolve(path);
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                continue;
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                throw new IllegalStateException("tar entry " + entry.getName()
                        + " is neither a file, a directory nor a symbolic link");
            }
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        }
    }

    private static String normalized(String name, Path where) {
        String path = name.replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
        if (path.equals("..") || path.startsWith("../") || path.contains("/../")) {
            throw new IllegalStateException(where + ": tar entry " + name + " points outside the root");
        }
        if (path.contains(".wh.")) {
            throw new IllegalStateException(where + ": tar entry " + name + " is a whiteout, unexpected FROM scratch");
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        return permissions;
    }
}
