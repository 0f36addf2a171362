package dev.portolan.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overview's one sentence about versions: which proxy config is served and whether it is the current one
 * (what the latest objects produce), instead of several numbers side by side.
 *
 * @param current the config version built from the latest objects (null before the first)
 * @param served  the version the embedded proxy serves (null: none yet, or no embedded proxy)
 * @param embedded whether this process runs the proxy (embedded mode)
 */
public record VersionStory(String current, String served, boolean embedded) {
    /** {state, text, version}: state is current, behind, none or remote (CSS and tests key on it). */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!embedded) {
            out.put("state", current == null ? "none" : "remote");
            out.put("version", current == null ? "" : current);
            out.put("text", current == null ? "No proxy config yet: nothing has loaded."
                    : "Proxies are offered config " + current + ", built from the latest objects; each proxy reports"
                    + " the version it serves on its /ready.");
        } else if (served == null) {
            out.put("state", "none");
            out.put("version", "");
            out.put("text", "The proxy serves no config yet.");
        } else if (served.equals(current)) {
            out.put("state", "current");
            out.put("version", served);
            out.put("text", "The proxy serves config " + served + ", the current one: every change so far is live.");
        } else {
            out.put("state", "behind");
            out.put("version", served);
            out.put("text", "The proxy serves config " + served + "; the latest objects produce config " + current
                    + ", which is not live yet.");
        }
        return out;
    }
}
