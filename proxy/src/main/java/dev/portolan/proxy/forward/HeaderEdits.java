package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.HeaderValue;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * Request/ResponseHeaderModifier semantics: set replaces every value, add appends to the existing value joined
 * with "," (no space, as the conformance suite compares), remove drops the header. Names are case-insensitive.
 */
final class HeaderEdits {

    private HeaderEdits() {
    }

    static void apply(HttpFields.Mutable fields, List<HeaderValue> set, List<HeaderValue> add, List<String> remove) {
        for (HeaderValue header : set) {
            fields.put(header.name(), header.value());
        }
        for (HeaderValue header : add) {
            List<String> existing = fields.getValuesList(header.name());
            if (existing.isEmpty()) {
                fields.add(header.name(), header.value());
            } else {
                fields.put(header.name(), String.join(",", existing) + "," + header.value());
            }
        }
        for (String name : remove) {
            fields.remove(name);
        }
    }
}
