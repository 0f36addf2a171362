package dev.portolan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StoreChangesTest {
    private static ResourceKey key(String name) {
        return ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "demo", name);
    }

    @Test
    void keysChangedSinceARevisionAreTheUnionOfTheLinksAfterIt() {
        StoreChanges changes = StoreChanges.unknown()
                .then(0, 3, Set.of(key("a")))
                .then(3, 4, Set.of(key("b")))
                .then(4, 9, Set.of(key("a"), key("c")));
        assertEquals(Optional.of(Set.of()), changes.since(9));
        assertEquals(Optional.of(Set.of(key("a"), key("c"))), changes.since(4));
        assertEquals(Optional.of(Set.of(key("a"), key("b"), key("c"))), changes.since(3));
        assertEquals(Optional.of(Set.of(key("a"), key("b"), key("c"))), changes.since(0));
        assertEquals(Optional.empty(), changes.since(5), "not a revision the store published");
        assertEquals(Optional.empty(), changes.since(10), "not yet published");
        assertEquals(Optional.empty(), StoreChanges.unknown().since(0));
    }

    @Test
    void aGapOrTheLengthCapCutsTheChain() {
        StoreChanges gap = StoreChanges.unknown().then(0, 1, Set.of(key("a"))).then(2, 3, Set.of(key("b")));
        assertEquals(Optional.empty(), gap.since(1), "the link from 1 to 2 is missing");
        assertEquals(Optional.of(Set.of(key("b"))), gap.since(2));

        StoreChanges chain = StoreChanges.unknown();
        for (int revision = 1; revision <= StoreChanges.MAX_LINKS + 10; revision++) {
            chain = chain.then(revision - 1, revision, Set.of(key("r" + revision)));
        }
        long newest = StoreChanges.MAX_LINKS + 10;
        assertTrue(chain.since(newest - 5).isPresent());
        assertEquals(Optional.empty(), chain.since(0), "older than the links kept");
        assertThrows(IllegalArgumentException.class, () -> StoreChanges.unknown().then(3, 3, Set.of()));
    }

    @Test
    void aSnapshotKeepsOnlyChangesThatEndAtItsRevisionAndTheyDoNotMakeItDifferent() {
        StoreChanges changes = StoreChanges.unknown().then(0, 2, Set.of(key("a")));
        StoreSnapshot matching = new StoreSnapshot(2, new TreeMap<>(), List.of(), changes);
        StoreSnapshot other = new StoreSnapshot(5, new TreeMap<>(), List.of(), changes);
        assertEquals(Optional.of(Set.of(key("a"))), matching.changes().since(0));
        assertEquals(Optional.empty(), other.changes().since(0), "changes of another revision are not its own");
        assertEquals(new StoreSnapshot(2, new TreeMap<>(), List.of()), matching);
        assertEquals(Optional.empty(), StoreSnapshot.empty().changes().since(0));
    }
}
