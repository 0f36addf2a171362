package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The pure normalizer: cases Jetty refuses before it (so the proxy tests cannot reach) and the no-copy path. */
class PathNormalizerTest {

    @Test
    void aNormalPathIsReturnedAsTheSameInstance() {
        String path = new String("/api/v1/items/42%20x");
        assertSame(path, PathNormalizer.normalize(path, false));
        String slashes = new String("/a//b");
        assertSame(slashes, PathNormalizer.normalize(slashes, false));
    }

    @Test
    void encodedDotsAreDecodedThenRemovedAndEncodedSeparatorsRefused() {
        assertEquals("/timeout", PathNormalizer.normalize("/ws/%2e%2E/timeout", false));
        assertEquals("/x", PathNormalizer.normalize("/../x", false));
        assertNull(PathNormalizer.normalize("/a%2fb", false));
        assertNull(PathNormalizer.normalize("/a%5Cb", false));
        assertNull(PathNormalizer.normalize("/a%2", false));
        assertNull(PathNormalizer.normalize("relative", false));
    }

    @Test
    void mergeSlashesOnlyWhenAsked() {
        assertEquals("/a//b/", PathNormalizer.normalize("/a//b/./", false));
        assertEquals("/a/b/", PathNormalizer.normalize("//a//b/./", true));
    }
}
