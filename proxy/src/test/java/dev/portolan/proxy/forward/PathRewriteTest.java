package dev.portolan.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.PathModifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReplaceFullPath and segment-aware ReplacePrefixMatch, as in the upstream rewrite-path cases. */
class PathRewriteTest {

    private static String prefix(String matchPrefix, String replacement, String path) {
        return PathRewrite.apply(path, new PathModifier(PathModifier.Type.PREFIX, replacement),
                Configs.prefix(matchPrefix));
    }

    @Test
    void replacesTheMatchedPrefixOnly() {
        assertEquals("/one/two", prefix("/prefix/one", "/one", "/prefix/one/two"));
        assertEquals("/prefix/one", prefix("/prefix/rewrite-path-and-modify-headers", "/prefix",
                "/prefix/rewrite-path-and-modify-headers/one"));
        assertEquals("/new/x", prefix("/old/", "/new", "/old/x"));
    }

    @Test
    void strippingThePrefixLeavesAnAbsolutePath() {
        assertEquals("/three", prefix("/strip-prefix", "/", "/strip-prefix/three"));
        assertEquals("/", prefix("/strip-prefix", "/", "/strip-prefix"));
        assertEquals("/three", prefix("/strip-prefix", "", "/strip-prefix/three"));
        assertEquals("/", prefix("/strip-prefix", "", "/strip-prefix"));
    }

    @Test
    void fullPathReplacesEverything() {
        assertEquals("/one", PathRewrite.apply("/full/one/two", new PathModifier(PathModifier.Type.FULL, "/one"),
                Configs.prefix("/full")));
    }

    @Test
    void prefixReplacementWithoutPrefixMatchReplacesTheWholePath() {
        MatchConfig exact = new MatchConfig(PathMatch.exact("/exact"), List.of(), List.of(), null);
        assertEquals("/x", PathRewrite.apply("/exact", new PathModifier(PathModifier.Type.PREFIX, "/x"), exact));
    }
}
