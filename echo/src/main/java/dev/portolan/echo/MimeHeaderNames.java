package dev.portolan.echo;

/**
 * Go's {@code textproto.CanonicalMIMEHeaderKey}: the echo JSON reports header names the way the upstream Go
 * echo server does ("x-header-add" becomes "X-Header-Add"), so HTTP/1 and HTTP/2 requests look alike.
 */
public final class MimeHeaderNames {

    private MimeHeaderNames() {
    }

    public static String canonical(String name) {
        // Go leaves names with characters outside the token set (spaces, etc.) untouched.
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return name;
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (upper && c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            out.append(c);
            upper = c == '-';
        }
        return out.toString();
    }

    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
