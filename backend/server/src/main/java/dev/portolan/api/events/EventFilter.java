package dev.portolan.api.events;

import java.util.Locale;

/**
 * Which events a client wants: by namespace and by kind (Kind or plural, any case). Snapshot and reset events
 * always pass: they carry no object and tell the client where the stream stands.
 */
public record EventFilter(String namespace, String kind) {

    public static EventFilter all() {
        return new EventFilter(null, null);
    }

    public boolean accepts(ChangeEvent event) {
        if (event.object() == null) {
            return true;
        }
        if (namespace != null && !namespace.isEmpty() && !namespace.equals(event.object().namespace())) {
            return false;
        }
        if (kind == null || kind.isEmpty()) {
            return true;
        }
        String wanted = kind.toLowerCase(Locale.ROOT);
        String actual = event.object().kind().toLowerCase(Locale.ROOT);
        return wanted.equals(actual) || wanted.equals(actual + "s") || wanted.equals(actual + "es")
                || dev.portolan.api.ApiKinds.byName(wanted)
                        .map(k -> k.kind().equals(event.object().kind()) && k.group().equals(event.object().group()))
                        .orElse(false);
    }
}
