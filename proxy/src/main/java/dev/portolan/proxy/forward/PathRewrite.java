package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatchType;
import dev.portolan.proxy.config.PathModifier;

/** The path after a URLRewrite or RequestRedirect path modifier. Pure. */
public final class PathRewrite {

    private PathRewrite() {
    }

    /**
     * @param path  the request path (raw, without query)
     * @param match the rule match that selected the request: its PathPrefix is what PREFIX replaces
     */
    public static String apply(String path, PathModifier modifier, MatchConfig match) {
        if (modifier == null) {
            return path;
        }
        if (modifier.type() == PathModifier.Type.FULL || match.path().type() != PathMatchType.PREFIX) {
            // ReplacePrefixMatch is only valid with a PathPrefix match; anything else replaces the whole path.
            return modifier.value().isEmpty() ? "/" : modifier.value();
        }
        String prefix = trimTrailingSlash(match.path().value());
        String remainder = path.length() >= prefix.length() ? path.substring(prefix.length()) : "";
        String replacement = modifier.value();
        String joined;
        if (replacement.endsWith("/") && remainder.startsWith("/")) {
            joined = replacement + remainder.substring(1);
        } else if (!replacement.isEmpty() && !replacement.endsWith("/") && !remainder.isEmpty()
                && !remainder.startsWith("/")) {
            joined = replacement + "/" + remainder;
        } else {
            joined = replacement + remainder;
        }
        if (joined.isEmpty()) {
            return "/";
        }
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    private static String trimTrailingSlash(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
