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
 * The version is digested from the config's JSON piece by piece (each Gateway's cached JSON in turn); it must be
 * the digest of the whole text, as it was when the text was built first: a version must not change for the same
 * content across releases (a proxy would reload what it has) and must change for any other content.
 */
class ContentVersionTest {

    @Test
    void theVersionIsTheDigestOfTheWholeCanonicalText() throws Exception {
        GatewayConfig full = ProxyConfigCodecTest.fullConfig().gateways().get(0);
        GatewayConfig other = new GatewayConfig("infra", "other", "127.0.0.2", Map.of(), Map.of("ü", "ﬁ ✓ 𝄞"),
                List.of());
        for (List<GatewayConfig> gateways : List.of(List.<GatewayConfig>of(), List.of(full), List.of(full, other),
                List.of(other, full))) {
            String whole = ProxyConfigCodec.toJsonWhole(new ProxyConfig("0", gateways));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(whole.getBytes(StandardCharsets.UTF_8));
            assertEquals(HexFormat.of().formatHex(digest, 0, 8), ContentVersion.of(gateways), gateways.toString());
            assertEquals(ContentVersion.of(gateways), ContentVersion.of(gateways), "from the codec's cache");
        }
        assertNotEquals(ContentVersion.of(List.of(full, other)), ContentVersion.of(List.of(other, full)));
    }
}
