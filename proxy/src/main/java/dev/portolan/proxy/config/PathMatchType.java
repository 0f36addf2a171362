package dev.portolan.proxy.config;

/** HTTPPathMatch types; REGEX is a full match of the request path (Java regex syntax). */
public enum PathMatchType {
    EXACT,
    PREFIX,
    REGEX
}
