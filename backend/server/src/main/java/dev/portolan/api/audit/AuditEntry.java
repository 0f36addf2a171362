package dev.portolan.api.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One write, as the audit log records it.
 *
 * @param principal who (the token's name, as the access rule named it; {@code unknown} when it named none)
 * @param client    the client address the request came from
 * @param action    {@code apply} or {@code delete}
 * @param object    the object written ({@code Kind/namespace/name}), or the request path when none was reached
 * @param result    {@code created}, {@code configured}, {@code unchanged}, {@code deleted} or {@code refused}
 * @param status    the HTTP status of the answer
 * @param via       how the request presented its credentials: {@code bearer}, {@code session} (a signed-in
 *                  browser) or {@code none}
 */
public record AuditEntry(Instant time, String principal, String client, String action, String object, String result,
                         int status, String via) {
    public static final String REFUSED = "refused";

    /** The JSON line's fields (written with sorted keys, so every line has the same shape). */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", time.toString());
        fields.put("principal", principal);
        fields.put("client", client);
        fields.put("action", action);
        fields.put("object", object);
        fields.put("result", result);
        fields.put("status", status);
        fields.put("via", via);
        return fields;
    }
}
