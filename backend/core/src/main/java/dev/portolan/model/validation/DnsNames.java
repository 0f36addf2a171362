package dev.portolan.model.validation;

/**
 * The name formats of the Kubernetes API server (k8s.io/apimachinery validation), without regular expressions so
 * that a hostile name costs one pass. Each check answers null when the value is fine, else the reason.
 */
public final class DnsNames {
    public static final int LABEL_MAX = 63;
    public static final int SUBDOMAIN_MAX = 253;

    private DnsNames() {
    }

    /** RFC 1123 label: at most 63 of a-z, 0-9 and '-', starting and ending alphanumeric (e.g. namespaces). */
    public static String rfc1123Label(String value) {
        if (value.length() > LABEL_MAX) {
            return "must be no more than " + LABEL_MAX + " characters (an RFC 1123 label)";
        }
        return labelChars(value, false) ? null
                : "must be an RFC 1123 label: lower case letters, digits and '-', starting and ending with a "
                  + "letter or digit (e.g. 'my-name' or '123-abc')";
    }

    /** RFC 1035 label: as an RFC 1123 label, but starting with a letter (e.g. Service names). */
    public static String rfc1035Label(String value) {
        if (value.length() > LABEL_MAX) {
            return "must be no more than " + LABEL_MAX + " characters (an RFC 1035 label)";
        }
        return labelChars(value, true) ? null
                : "must be an RFC 1035 label: lower case letters, digits and '-', starting with a letter and "
                  + "ending with a letter or digit (e.g. 'my-name' or 'abc-123')";
    }

    /** RFC 1123 subdomain: at most 253 characters, RFC 1123 labels joined by '.' (most object names). */
    public static String rfc1123Subdomain(String value) {
        if (value.length() > SUBDOMAIN_MAX) {
            return "must be no more than " + SUBDOMAIN_MAX + " characters (an RFC 1123 subdomain)";
        }
        int start = 0;
        while (true) {
            int dot = value.indexOf('.', start);
            String label = dot < 0 ? value.substring(start) : value.substring(start, dot);
            if (!labelChars(label, false)) {
                return "must be an RFC 1123 subdomain: lower case letters, digits, '-' and '.', starting and "
                       + "ending with a letter or digit (e.g. 'example.com')";
            }
            if (dot < 0) {
                return null;
            }
            start = dot + 1;
        }
    }

    private static boolean labelChars(String value, boolean letterFirst) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            boolean alphanumeric = letter || c >= '0' && c <= '9';
            boolean edge = i == 0 || i == value.length() - 1;
            if (!(alphanumeric || c == '-' && !edge) || i == 0 && letterFirst && !letter) {
                return false;
            }
        }
        return true;
    }
}
