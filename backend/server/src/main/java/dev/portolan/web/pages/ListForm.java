package dev.portolan.web.pages;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a list page's GET form submitted: namespace (blank for all), label selector, text search, page size, the
 * API's continue token, and a policy ({@code Kind.group/namespace/name}: only objects it is attached to or
 * inherited by). Bound from the query string ({@code @RequestBean}).
 */
@Introspected
public record ListForm(@Nullable @QueryValue String namespace, @Nullable @QueryValue String labelSelector,
                       @Nullable @QueryValue String q, @Nullable @QueryValue Integer limit,
                       @Nullable @QueryValue("continue") String continueToken,
                       @Nullable @QueryValue String policy) {

    /** The query string of the next page: this form with the given continue token. */
    public String withContinue(String token) {
        List<String> parts = new ArrayList<>();
        add(parts, "namespace", namespace);
        add(parts, "labelSelector", labelSelector);
        add(parts, "q", q);
        add(parts, "limit", limit == null ? null : limit.toString());
        add(parts, "policy", policy);
        add(parts, "continue", token);
        return "?" + String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
