package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.gateway;
import static dev.portolan.store.file.StoreFixtures.gatewayKey;
import static dev.portolan.store.file.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoreSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files in the manifests folder: each costs the store little, becomes a load problem naming file, object
 * and field, and leaves the good objects beside it serving. Time bounds are generous (2 busy cores).
 */
class FileStoreHostileFilesTest {
    private static final Duration BOUND = Duration.ofSeconds(2);

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private static long millisToOpen(Path folder) {
        long start = System.nanoTime();
        FileStore.open(folder, CLOCK).close();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private StoreSnapshot openAndSnapshot() {
        try (FileStore store = FileStore.open(root, CLOCK)) {
            return store.snapshot();
        }
    }

    private static LoadProblem problemOf(StoreSnapshot snapshot, String file) {
        return snapshot.problems().stream().filter(p -> p.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + file + ": " + snapshot.problems()));
    }

    @Test
    void aFiftyMegabyteFileIsAProblemAndIsNotRead() throws IOException {
        write(root, "good.yaml", gateway("web", 80));
        try (Writer out = Files.newBufferedWriter(root.resolve("huge.yaml"), StandardCharsets.UTF_8)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  k: ");
            char[] line = "0123456789".repeat(100_000).toCharArray();
            for (int i = 0; i < 50; i++) {
                out.write(line);
            }
            out.write("\n");
        }

        long millis = millisToOpen(root);
        StoreSnapshot snapshot = openAndSnapshot();

        assertTrue(millis < BOUND.toMillis(), "opening took " + millis + " ms");
        LoadProblem problem = problemOf(snapshot, "huge.yaml");
        assertTrue(problem.reason().contains("over the 3 MiB limit"), problem.reason());
        assertTrue(snapshot.byKey().containsKey(gatewayKey("web")), "the good file beside it loads");
    }

    @Test
    void hostileDocumentsUnderTheSizeLimitCostMilliseconds() throws IOException {
        String scalar = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scalar\ndata:\n  k: \""
                + "x".repeat(2_900 * 1024) + "\"\n";
        StringBuilder laughs = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: laughs\n"
                + "data:\n  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  k: "
                + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        write(root, "good.yaml", gateway("web", 80));
        write(root, "scalar.yaml", scalar);
        write(root, "laughs.yaml", laughs.toString());
        write(root, "deep.yaml", deep);

        long millis = millisToOpen(root);
        StoreSnapshot snapshot = openAndSnapshot();

        assertTrue(millis < 2 * BOUND.toMillis(), "opening 9 MB of hostile files took " + millis + " ms");
        assertTrue(problemOf(snapshot, "scalar.yaml").reason().contains("too large"),
                problemOf(snapshot, "scalar.yaml").reason());
        assertTrue(problemOf(snapshot, "laughs.yaml").reason().contains("aliases"),
                problemOf(snapshot, "laughs.yaml").reason());
        assertTrue(problemOf(snapshot, "deep.yaml").reason().contains("nesting depth"),
                problemOf(snapshot, "deep.yaml").reason());
        assertTrue(snapshot.byKey().containsKey(gatewayKey("web")));
    }

    @Test
    void aFileOfManySmallDocumentsIsAProblemBeyondTheDocumentLimit() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; many.length() < 2_900 * 1024; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m").append(i).append('\n');
        }
        write(root, "good.yaml", gateway("web", 80));
        write(root, "many.yaml", many.toString());

        long millis = millisToOpen(root);
        StoreSnapshot snapshot = openAndSnapshot();

        // loading all ~47,000 of them held the store for ~4 s (7.5 s of CPU)
        assertTrue(millis < BOUND.toMillis(), "opening took " + millis + " ms");
        LoadProblem problem = problemOf(snapshot, "many.yaml");
        assertTrue(problem.reason().contains("over the limit of 5000 per file"), problem.reason());
        assertEquals(List.of(gatewayKey("web")), List.copyOf(snapshot.byKey().keySet()));
    }

    @Test
    void namesTheApiServerRefusesAreProblemsNamingTheFieldAndTheRestOfTheFileLoads() {
        String bad = gateway("web", 80).replace("name: web", "name: Web_Gateway");
        String badNamespace = gateway("api", 81).replace("namespace: demo", "namespace: ../../etc");
        String badLabel = gateway("lbl", 82).replace("metadata:\n", "metadata:\n  labels:\n    \"bad key\": x\n");
        write(root, "gateways.yaml", bad + "---\n" + badNamespace + "---\n" + badLabel + "---\n" + gateway("ok", 83));

        StoreSnapshot snapshot = openAndSnapshot();

        assertEquals(List.of(gatewayKey("ok")), List.copyOf(snapshot.byKey().keySet()));
        List<String> fields = snapshot.problems().stream().map(LoadProblem::field).toList();
        assertEquals(List.of("metadata.name", "metadata.namespace", "metadata.labels[bad key]"), fields);
        LoadProblem name = snapshot.problems().get(0);
        assertEquals("gateways.yaml", name.file());
        assertEquals(ResourceKey.of("gateway.networking.k8s.io", "Gateway", "demo", "Web_Gateway"), name.object());
        assertTrue(name.reason().contains("RFC 1123 subdomain"), name.reason());
    }

    @Test
    void aHostileNameCannotForgeALogLine() {
        write(root, "names.yaml", gateway("web", 80).replace("name: web", "name: \"web\\nFAKE LOG LINE\\u202E\""));

        LoadProblem problem = problemOf(openAndSnapshot(), "names.yaml");

        assertEquals("metadata.name", problem.field());
        String line = problem.describe();
        assertFalse(line.contains("\n") || line.contains("\u202E"), line);
        assertTrue(line.contains("web\\u000AFAKE LOG LINE\\u202E"), line);
    }

    @Test
    void anUnservedVersionIsAProblemAndACrdInTheFolderServesItsKind() {
        write(root, "a.yaml", gateway("future", 80).replace("gateway.networking.k8s.io/v1",
                "gateway.networking.k8s.io/v9"));
        write(root, "b.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        write(root, "c.yaml", "apiVersion: example.com/v2\nkind: Widget\nmetadata:\n  name: w2\n");
        write(root, "crd.yaml", StoreFixtures.WIDGET_CRD);
        write(root, "portolan.yaml", "apiVersion: gateway.portolan.dev/v1alpha1\nkind: TimeoutPolicy\n"
                + "metadata:\n  name: t\n");

        StoreSnapshot snapshot = openAndSnapshot();

        assertEquals("apiVersion", problemOf(snapshot, "a.yaml").field());
        assertTrue(problemOf(snapshot, "a.yaml").reason().contains("\"v9\""), problemOf(snapshot, "a.yaml").reason());
        assertEquals("apiVersion", problemOf(snapshot, "c.yaml").field());
        assertTrue(snapshot.byKey().containsKey(ResourceKey.of("example.com", "Widget", "default", "w")));
        assertTrue(snapshot.byKey().containsKey(ResourceKey.of("gateway.portolan.dev", "TimeoutPolicy", "default",
                "t")), "Portolan's own CRD is built in");
    }

    @Test
    void aSecretsValueNeverAppearsInItsLoadProblem() {
        write(root, "secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: "hunter2-very-secret
                """);
        write(root, "secret.json", "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"j\"},"
                + " \"data\": {\"password\": s3cr3t-json-value}}");

        StoreSnapshot snapshot = openAndSnapshot();

        for (String file : List.of("secret.yaml", "secret.json")) {
            String text = problemOf(snapshot, file).describe();
            assertTrue(text.startsWith(file), text);
            assertTrue(problemOf(snapshot, file).line() > 0, text);
            assertFalse(text.contains("hunter2") || text.contains("s3cr3t"), text);
        }
    }

    @Test
    void duplicateKeysAreProblemsNamingTheKey() {
        write(root, "dup.yaml", gateway("web", 80).replace("metadata:\n",
                "metadata:\n  labels:\n    app: a\n    app: b\n"));
        write(root, "dup.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"},"
                + " \"data\": {\"k\": \"1\", \"k\": \"2\"}}");

        StoreSnapshot snapshot = openAndSnapshot();

        assertEquals("metadata.labels.app", problemOf(snapshot, "dup.yaml").field());
        assertTrue(problemOf(snapshot, "dup.yaml").reason().contains("duplicate key \"app\""),
                problemOf(snapshot, "dup.yaml").reason());
        assertEquals("data.k", problemOf(snapshot, "dup.json").field());
        assertTrue(snapshot.byKey().isEmpty());
    }

    @Test
    void writesNeverLeaveTheFolderEvenThroughASymlinkedSubfolder() throws IOException {
        Files.createSymbolicLink(root.resolve("demo"), outside);
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoreException error = assertThrows(StoreException.Invalid.class,
                    () -> store.apply(Manifests.YAML.readTree(gateway("web", 80))));
            assertTrue(error.getMessage().contains("outside the manifests folder"), error.getMessage());

            assertThrows(StoreException.Invalid.class, () -> store.apply(Manifests.YAML.readTree(
                    gateway("web", 80).replace("namespace: demo", "namespace: " + outside))));
            assertThrows(StoreException.Invalid.class, () -> store.apply(Manifests.YAML.readTree(
                    gateway("web", 80).replace("name: web", "name: x/../../escape"))));
        }
        try (Stream<Path> leaked = Files.list(outside)) {
            assertEquals(List.of(), leaked.toList(), "nothing written outside the folder");
        }
    }
}
