package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoSetHeadersTest {

    @Test
    void splitsItemsTrimsAndKeepsNameCase() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-Header-Set", "set-overwrites-values");
        expected.put("x-lower", "a:b");
        assertEquals(expected, EchoSetHeaders.parse(List.of(" X-Header-Set: set-overwrites-values , x-lower:a:b")));
    }

    @Test
    void joinsRepeatedNamesWithCommaWithoutSpaceAcrossLines() {
        assertEquals(Map.of("X-Multi", "one,two,three"),
                EchoSetHeaders.parse(List.of("X-Multi:one,X-Multi: two", "X-Multi:three")));
    }

    @Test
    void ignoresEmptyAndMalformedItems() {
        assertEquals(Map.of(), EchoSetHeaders.parse(List.of("", "no-colon", ":nameless", " , ")));
        assertEquals(Map.of("X-Empty", ""), EchoSetHeaders.parse(List.of("X-Empty:")));
    }
}
