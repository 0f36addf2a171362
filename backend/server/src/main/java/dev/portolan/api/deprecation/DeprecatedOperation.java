package dev.portolan.api.deprecation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API operation deprecated (openapi/VERSIONING.md): its answers carry {@code Deprecation} (RFC 9745), and
 * once a removal date is set {@code Sunset} (RFC 8594) and {@code Link: <...>; rel="deprecation"}
 * ({@link DeprecationFilter}). Put {@code @Operation(deprecated = true)} beside it, with the replacement in the
 * operation's description, so the document says the same.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DeprecatedOperation {
    /** When the operation was deprecated, ISO-8601 instant ({@code 2026-12-01T00:00:00Z}). */
    String since();

    /** When it will be removed, ISO-8601 instant; empty while no date is set. */
    String sunset() default "";

    /** Release notes that say what replaces it (absolute URL or an API path); empty for none. */
    String link() default "";
}
