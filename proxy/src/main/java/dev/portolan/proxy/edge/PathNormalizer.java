package dev.portolan.proxy.edge;

/**
 * The request path the proxy matches and forwards, normalized as Envoy does by default: percent-encoded unreserved
 * characters decoded (RFC 3986 2.3), remaining escapes in upper case, dot segments removed (RFC 3986 5.2.4) and,
 * when asked, runs of '/' merged. A path that starts with "//" always loses the extra slashes: upstream it would
 * read as a network-path reference ("//host/path", RFC 3986 4.2). An encoded '/' or '\' is refused: a backend may
 * decode it into a separator the route match never saw. Jetty's URI compliance already refuses it on the way in;
 * this check keeps the rule here.
 *
 * <p>A path that needs no change is returned as the same instance without allocating (the common case).
 */
public final class PathNormalizer {
    private PathNormalizer() {
    }

    /**
     * @param rawPath      the path as received (starts with '/'; no query)
     * @param mergeSlashes whether "//" collapses to "/"
     * @return the normalized path, the same instance when nothing changes, or null when the path is refused
     */
    public static String normalize(String rawPath, boolean mergeSlashes) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (rawPath.charAt(0) != '/') {
            return null;
        }
        if (isNormal(rawPath, mergeSlashes)) {
            return rawPath;
        }
        String decoded = decodeUnreserved(rawPath);
        if (decoded == null) {
            return null;
        }
        String merged = mergeSlashes ? mergeSlashes(decoded) : withoutLeadingSlashes(decoded);
        String result = removeDotSegments(merged);
        return result.equals(rawPath) ? rawPath : result;
    }

    /** One pass without allocation: no escape to rewrite, no dot segment, no "//" to merge. */
    static boolean isNormal(String path, boolean mergeSlashes) {
        int length = path.length();
        if (length > 1 && path.charAt(1) == '/') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= length) {
                    return false;
                }
                int value = hexPair(path.charAt(i + 1), path.charAt(i + 2));
                if (value < 0 || isUnreserved(value) || value == '/' || value == '\\'
                        || Character.isLowerCase(path.charAt(i + 1)) || Character.isLowerCase(path.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c == '/' && i + 1 < length) {
                char next = path.charAt(i + 1);
                if (next == '/' && mergeSlashes) {
                    return false;
                }
                if (next == '.' && isDotSegment(path, i + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the segment starting at {@code start} is "." or "..". */
    private static boolean isDotSegment(String path, int start) {
        int end = path.indexOf('/', start);
        int segmentLength = (end < 0 ? path.length() : end) - start;
        return segmentLength == 1 || segmentLength == 2 && path.charAt(start + 1) == '.';
    }

    /** Decodes escapes of unreserved characters, upper-cases the others; null for an encoded separator. */
    private static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= path.length()) {
                return null; // a truncated escape; Jetty refuses it before this point
            }
            int value = hexPair(path.charAt(i + 1), path.charAt(i + 2));
            if (value < 0 || value == '/' || value == '\\') {
                return null;
            }
            if (isUnreserved(value)) {
                out.append((char) value);
            } else {
                out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                        .append(Character.toUpperCase(path.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    private static String withoutLeadingSlashes(String path) {
        int start = 0;
        while (start + 1 < path.length() && path.charAt(start + 1) == '/') {
            start++;
        }
        return path.substring(start);
    }

    private static String mergeSlashes(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** RFC 3986 5.2.4 for an absolute path; ".." above the root stays at the root. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        int length = path.length();
        while (i < length) {
            // path.charAt(i) == '/' here: every segment is read with its leading slash
            int end = path.indexOf('/', i + 1);
            if (end < 0) {
                end = length;
            }
            int segmentLength = end - i - 1;
            boolean last = end == length;
            if (segmentLength == 1 && path.charAt(i + 1) == '.') {
                if (last) {
                    out.append('/');
                }
            } else if (segmentLength == 2 && path.charAt(i + 1) == '.' && path.charAt(i + 2) == '.') {
                int cut = out.lastIndexOf("/");
                out.setLength(Math.max(cut, 0));
                if (last) {
                    out.append('/');
                }
            } else {
                out.append(path, i, end);
            }
            i = end;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexPair(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
