package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class DocumentEditsTest {
    private static final String TEXT = "# one\nkind: A\n---\n# two\nkind:   B\n---\nkind:  C\n";
    private static final ManifestFile FILE = ManifestFile.parse("x.yaml", new FolderScanner.Stamp(0, 0), TEXT);

    @Test
    void replaceTouchesOnlyThatDocument() {
        var manifest = Manifests.JSON.createObjectNode().put("kind", "Z");
        assertEquals("# one\nkind: A\n---\nkind: Z\n---\nkind:  C\n",
                DocumentEdits.replace(FILE, FILE.documents().get(1), manifest));
    }

    @Test
    void removeDropsTheDocumentOrTheFile() {
        assertEquals("---\n# two\nkind:   B\n---\nkind:  C\n", DocumentEdits.remove(FILE, FILE.documents().get(0)));
        assertEquals("# one\nkind: A\n---\n# two\nkind:   B\n", DocumentEdits.remove(FILE, FILE.documents().get(2)));
        ManifestFile single = ManifestFile.parse("y.yaml", new FolderScanner.Stamp(0, 0), "kind: A\n");
        assertNull(DocumentEdits.remove(single, single.documents().get(0)));
    }

    @Test
    void appendAddsADocumentAtTheEnd() {
        ManifestFile noNewline = ManifestFile.parse("y.yaml", new FolderScanner.Stamp(0, 0), "kind: A");
        assertEquals("kind: A\n---\nkind: B\n",
                DocumentEdits.append(noNewline, Manifests.JSON.createObjectNode().put("kind", "B")));
    }
}
