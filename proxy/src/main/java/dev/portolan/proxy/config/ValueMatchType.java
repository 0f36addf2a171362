package dev.portolan.proxy.config;

/** Header and query parameter match types; REGEX is a full match of the value (Java regex syntax). */
public enum ValueMatchType {
    EXACT,
    REGEX
}
