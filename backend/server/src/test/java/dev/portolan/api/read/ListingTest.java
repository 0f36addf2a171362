package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListingTest {
    private static final List<String> KEYS = IntStream.range(0, 25)
            .mapToObj(i -> ReadIndex.sortKey("ns" + (i % 3), String.format("r%02d", i))).sorted().toList();

    private static ObjectNode page(List<String> keys, long version, int limit, String token) {
        ListQuery query = new ListQuery(null, LabelSelector.everything(), null, limit,
                token == null ? null : ContinueToken.decode(token));
        return Listing.page("ThingList", version, keys, Function.identity(), key -> !key.endsWith("7"),
                key -> ReadJson.JSON.objectNode().put("key", key), query);
    }

    @Test
    void pagesCoverEveryKeptItemOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = page(KEYS, 5, 4, token);
            page.path("items").forEach(item -> seen.add(item.path("key").asText()));
            JsonNode next = page.path("metadata").path("continue");
            token = next.isNull() ? null : next.asText();
        } while (token != null);
        List<String> expected = KEYS.stream().filter(k -> !k.endsWith("7")).toList();
        assertEquals(expected, seen);
    }

    @Test
    void metadataCountsWhatRemains() {
        ObjectNode first = page(KEYS, 9, 10, null);
        assertEquals(10, first.path("items").size());
        assertEquals(13, first.path("metadata").path("remainingItemCount").asInt());
        assertEquals(9, first.path("metadata").path("snapshotVersion").asLong());
        assertEquals("9", first.path("metadata").path("resourceVersion").textValue());
        assertEquals("ThingList", first.path("kind").asText());
    }

    @Test
    void aTokenFromAnOlderSnapshotContinuesAfterItsKey() {
        String token = page(KEYS, 1, 5, null).path("metadata").path("continue").asText();
        String lastOfFirstPage = page(KEYS, 1, 5, null).path("items").get(4).path("key").asText();
        List<String> newer = new ArrayList<>(KEYS);
        newer.remove(lastOfFirstPage);
        newer.add(ReadIndex.sortKey("aa", "new"));
        newer.sort(String::compareTo);
        ObjectNode next = page(newer, 2, 100, token);
        for (JsonNode item : next.path("items")) {
            assertTrue(item.path("key").asText().compareTo(lastOfFirstPage) > 0, item.toString());
        }
        assertEquals(KEYS.stream().filter(k -> !k.endsWith("7") && k.compareTo(lastOfFirstPage) > 0).count(),
                next.path("items").size());
    }
}
