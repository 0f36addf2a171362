package dev.portolan.proxy.listen;

/**
 * Recognises IPv4 and IPv6 address literals without name resolution (an address given on the command line must
 * not trigger a DNS lookup, nor pass as valid only because some resolver knows it). Pure.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** True for {@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::}, {@code fd00::1}, {@code ::ffff:10.0.0.1}, ... */
    public static boolean isIpLiteral(String text) {
        return text != null && (isIpv4(text) || isIpv6(text));
    }

    /** Returns {@code value} when it is an IP literal, else throws naming {@code what} and the value. */
    public static String require(String what, String value) {
        if (!isIpLiteral(value)) {
            throw new IllegalArgumentException(what + ": '" + value
                    + "' is not an IP address (use a literal such as 0.0.0.0, 127.0.0.1 or ::)");
        }
        return value;
    }

    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String text) {
        if (!text.contains(":")) {
            return false;
        }
        int elided = text.indexOf("::");
        if (elided >= 0 && text.indexOf("::", elided + 1) >= 0) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue; // part of "::" (checked above) or a leading/trailing ':' (caught by the count below)
            }
            if (i == groups.length - 1 && group.contains(".")) {
                if (!isIpv4(group)) {
                    return false;
                }
                count += 2; // an embedded IPv4 address fills two groups
                continue;
            }
            if (group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            count++;
        }
        if (elided < 0) {
            return count == 8 && !text.startsWith(":") && !text.endsWith(":");
        }
        boolean strayColon = (text.startsWith(":") && elided != 0)
                || (text.endsWith(":") && elided != text.length() - 2);
        return count < 8 && !strayColon;
    }
}
