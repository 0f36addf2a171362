package dev.portolan.store.file;

import static dev.portolan.store.file.StoreFixtures.CLOCK;
import static dev.portolan.store.file.StoreFixtures.await;
import static dev.portolan.store.file.StoreFixtures.gateway;
import static dev.portolan.store.file.StoreFixtures.gatewayKey;
import static dev.portolan.store.file.StoreFixtures.route;
import static dev.portolan.store.file.StoreFixtures.routeKey;
import static dev.portolan.store.file.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoreSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreLoadTest {
    @TempDir
    Path root;

    @Test
    void loadsMultiDocumentFilesNestedFoldersAndAllExtensionsButNotHiddenOnes() {
        write(root, "gateways.yaml", "# leading comment\n---\n" + gateway("web", 80) + "---\n" + gateway("api", 81)
                + "---\n# trailing comment only\n");
        write(root, "teams/a/routes.yml", route("one", "a") + "---\n" + route("two", "a"));
        write(root, "teams/b/service.json", """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc", "namespace": "b"},
                 "spec": {"ports": [{"port": 80}]}}
                """);
        write(root, ".hidden.yaml", route("hidden-file", "a"));
        write(root, ".hidden/routes.yaml", route("hidden-folder", "a"));
        write(root, "notes.txt", "not a manifest");

        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoreSnapshot snapshot = store.snapshot();
            assertEquals(List.of(ResourceKey.of("", ApiGroups.SERVICE, "b", "svc"), gatewayKey("api"),
                    gatewayKey("web"), routeKey("a", "one"), routeKey("a", "two")), List.copyOf(snapshot.byKey().keySet()));
            assertEquals(List.of(), snapshot.problems());
            assertEquals("gateways.yaml#1", snapshot.byKey().get(gatewayKey("api")).source());
            assertEquals("teams/a/routes.yml#1", snapshot.byKey().get(routeKey("a", "two")).source());
            assertEquals(81, snapshot.byKey().get(gatewayKey("api")).manifest()
                    .at("/spec/listeners/0/port").asInt());
        }
    }

    @Test
    void stripsStatusFoundInAFileAndFillsTheDefaultNamespace() {
        write(root, "route.yaml", route("one", "a").replace("  namespace: a\n", "")
                + "status:\n  parents: []\n");
        try (FileStore store = FileStore.open(root, CLOCK)) {
            var stored = store.get(routeKey("default", "one")).orElseThrow();
            assertFalse(stored.manifest().has("status"));
            assertEquals("default", stored.manifest().at("/metadata/namespace").asText());
        }
    }

    @Test
    void reportsMalformedYamlWithItsLineAndKeepsLoadingTheRest() {
        write(root, "a-good.yaml", gateway("web", 80));
        write(root, "b-broken.yaml", gateway("api", 81) + "---\napiVersion: v1\nkind: [unclosed\nmetadata: {}\n");
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoreSnapshot snapshot = store.snapshot();
            assertEquals(List.of(gatewayKey("api"), gatewayKey("web")), List.copyOf(snapshot.byKey().keySet()));
            LoadProblem problem = single(snapshot.problems());
            assertEquals("b-broken.yaml", problem.file());
            assertEquals(1, problem.documentIndex());
            // gateway() is 11 lines, then "---" (12), apiVersion (13), kind (14); the parser notices at line 14/15.
            assertTrue(problem.line() == 14 || problem.line() == 15, "line " + problem.line());
            assertTrue(problem.reason().startsWith("syntax error"), problem.reason());
        }
    }

    @Test
    void reportsAFieldOfTheWrongTypeWithItsPathAndLine() {
        String text = gateway("api", 81) + "---\n" + gateway("web", 80).replace("port: 80", "port: eighty");
        write(root, "gateways.yaml", text);
        try (FileStore store = FileStore.open(root, CLOCK)) {
            LoadProblem problem = single(store.snapshot().problems());
            assertEquals("gateways.yaml", problem.file());
            assertEquals(1, problem.documentIndex());
            assertEquals(gatewayKey("web"), problem.object());
            assertEquals("spec.listeners[0].port", problem.field());
            assertEquals("must be an integer", problem.reason());
            assertEquals(lineOf(text, "port: eighty"), problem.line());
            assertFalse(problem.keptPrevious());
            assertEquals(List.of(gatewayKey("api")), List.copyOf(store.snapshot().byKey().keySet()));
        }
    }

    @Test
    void reportsADocumentThatIsNotAKubernetesObject() {
        write(root, "list.yaml", "- just\n- a list\n---\nkind: Gateway\nmetadata:\n  name: x\n");
        try (FileStore store = FileStore.open(root, CLOCK)) {
            List<LoadProblem> problems = store.snapshot().problems();
            assertEquals(2, problems.size());
            assertEquals("document is not a Kubernetes object (expected a mapping)", problems.get(0).reason());
            assertEquals(1, problems.get(0).line());
            assertEquals("apiVersion", problems.get(1).field());
            assertEquals(4, problems.get(1).line());
        }
    }

    @Test
    void keepsServingTheLastGoodVersionWhenADocumentOrFileBreaks() {
        write(root, "gateways.yaml", gateway("web", 80) + "---\n" + gateway("api", 81));
        write(root, "routes.yaml", route("one", "a"));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            assertEquals(3, store.snapshot().byKey().size());

            write(root, "gateways.yaml", gateway("web", 80) + "---\n" + gateway("api", 81).replace("81", "x"));
            write(root, "routes.yaml", "apiVersion: [this is not yaml\n");
            await(3000, "problems for both files", () -> store.snapshot().problems().size() == 2);

            StoreSnapshot snapshot = store.snapshot();
            assertEquals(3, snapshot.byKey().size());
            assertEquals(81, snapshot.byKey().get(gatewayKey("api")).manifest()
                    .at("/spec/listeners/0/port").asInt());
            assertTrue(snapshot.problems().stream().allMatch(LoadProblem::keptPrevious), snapshot.problems()
                    .toString());
            assertEquals(List.of("gateways.yaml", "routes.yaml"),
                    snapshot.problems().stream().map(LoadProblem::file).toList());
        }
    }

    @Test
    void reportsDuplicateDefinitionsAndKeepsTheFirst() {
        write(root, "a.yaml", gateway("web", 80));
        write(root, "b.yaml", gateway("api", 81) + "---\n" + gateway("web", 90));
        try (FileStore store = FileStore.open(root, CLOCK)) {
            StoreSnapshot snapshot = store.snapshot();
            assertEquals(80, snapshot.byKey().get(gatewayKey("web")).manifest().at("/spec/listeners/0/port")
                    .asInt());
            LoadProblem problem = single(snapshot.problems());
            assertEquals("b.yaml", problem.file());
            assertEquals(1, problem.documentIndex());
            assertEquals(gatewayKey("web"), problem.object());
            assertTrue(problem.reason().contains("a.yaml document 0"), problem.reason());
        }
    }

    @Test
    void loadsFiveThousandRoutesQuickly() {
        StringBuilder oneFile = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            oneFile.append(route("r" + i, "big")).append("---\n");
        }
        write(root, "big/routes.yaml", oneFile.toString());
        for (int i = 0; i < 2500; i++) {
            write(root, "many/route-" + i + ".yaml", route("m" + i, "many"));
        }
        // The first open pays for class loading and creates the state file; the second shows the steady cost.
        for (String run : List.of("first open", "reopen")) {
            long start = System.nanoTime();
            try (FileStore store = FileStore.open(root, CLOCK)) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("FileStore " + run + ": loaded " + store.snapshot().byKey().size()
                        + " HTTPRoutes (2500 in one file, 2500 in separate files) in " + millis + " ms");
                assertEquals(5000, store.snapshot().byKey().size());
                assertEquals(List.of(), store.snapshot().problems());
            }
        }
    }

    private static LoadProblem single(List<LoadProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError(fragment + " not in text");
    }
}
