package dev.portolan.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version is digested from each Gateway's digest of its canonical JSON (cached with that JSON), in order: it
 * must depend on the content alone (equal content, equal version, whichever object holds it) and change for any
 * other content, Gateway order included.
 */
class ContentVersionTest {
    private static final GatewayConfig FULL = ProxyConfigCodecTest.fullConfig().gateways().get(0);
    private static final GatewayConfig OTHER = new GatewayConfig("infra", "other", "127.0.0.2", Map.of(),
            Map.of("ü", "ﬁ ✓ 𝄞"), List.of());

    @Test
    void theVersionIsTheDigestOfEachGatewaysCanonicalTextsDigestInOrder() throws Exception {
        for (List<GatewayConfig> gateways : List.of(List.<GatewayConfig>of(), List.of(FULL), List.of(FULL, OTHER),
                List.of(OTHER, FULL))) {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            all.update("portolan-config-version/2 per-gateway sha-256\n".getBytes(StandardCharsets.US_ASCII));
            for (GatewayConfig gateway : gateways) {
                String whole = ProxyConfigCodec.toJsonWhole(new ProxyConfig("0", List.of(gateway)));
                String json = whole.substring(whole.indexOf('[') + 1, whole.lastIndexOf(']'));
                all.update(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
            }
            assertEquals(HexFormat.of().formatHex(all.digest(), 0, 8), ContentVersion.of(gateways),
                    gateways.toString());
            assertEquals(ContentVersion.of(gateways), ContentVersion.of(gateways), "from the codec's cache");
        }
        assertNotEquals(ContentVersion.of(List.of(FULL, OTHER)), ContentVersion.of(List.of(OTHER, FULL)));
        assertNotEquals(ContentVersion.of(List.of(FULL)), ContentVersion.of(List.of(FULL, OTHER)));
    }

    @Test
    void equalContentInAnotherObjectHasTheSameVersionAndOtherContentAnother() {
        GatewayConfig copy = ProxyConfigCodec.fromJson(ProxyConfigCodec.toJson(new ProxyConfig("1", List.of(OTHER))))
                .gateways().get(0);
        String before = ContentVersion.of(List.of(FULL, OTHER));
        assertEquals(before, ContentVersion.of(List.of(FULL, copy)), "a new object with the same content");
        GatewayConfig moved = new GatewayConfig("infra", "other", "127.0.0.3", Map.of(), Map.of("ü", "ﬁ ✓ 𝄞"),
                List.of());
        assertNotEquals(before, ContentVersion.of(List.of(FULL, moved)), "the cache follows the new object");
        assertEquals(before, ContentVersion.of(List.of(FULL, OTHER)), "and the old object again");
    }
}
