package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MimeHeaderNamesTest {

    @Test
    void canonicalizesLikeGo() {
        assertEquals("X-Header-Add", MimeHeaderNames.canonical("x-header-add"));
        assertEquals("User-Agent", MimeHeaderNames.canonical("USER-AGENT"));
        assertEquals("Content-Type", MimeHeaderNames.canonical("content-type"));
        assertEquals("X-Forwarded-For", MimeHeaderNames.canonical("X-forwarded-FOR"));
        assertEquals("Www-Authenticate", MimeHeaderNames.canonical("WWW-Authenticate"));
        assertEquals("X-1a", MimeHeaderNames.canonical("x-1A"));
    }

    @Test
    void leavesNamesWithNonTokenCharactersAlone() {
        assertEquals("bad name", MimeHeaderNames.canonical("bad name"));
    }
}
