package dev.portolan.model.validation;

/**
 * Label and annotation keys ({@code [prefix/]name}) and label values, as the Kubernetes API server checks them.
 * Each check answers null when the value is fine, else the reason.
 */
public final class QualifiedNames {
    static final int NAME_MAX = 63;
    static final int LABEL_VALUE_MAX = 63;

    private QualifiedNames() {
    }

    /** A key: an optional RFC 1123 subdomain prefix and '/', then a name of at most 63 characters. */
    public static String key(String key) {
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()) {
                return "prefix part must not be empty";
            }
            String prefixProblem = DnsNames.rfc1123Subdomain(prefix);
            if (prefixProblem != null) {
                return "prefix part " + prefixProblem;
            }
        }
        if (name.isEmpty()) {
            return "name part must not be empty";
        }
        if (name.length() > NAME_MAX) {
            return "name part must be no more than " + NAME_MAX + " characters";
        }
        return nameChars(name) ? null : "name part must consist of letters, digits, '-', '_' or '.', starting "
                + "and ending with a letter or digit (e.g. 'MyName', 'my.name' or '123-abc'), with an optional "
                + "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
    }

    /** A label value: empty, or at most 63 characters of the name alphabet. */
    public static String labelValue(String value) {
        if (value.length() > LABEL_VALUE_MAX) {
            return "must be no more than " + LABEL_VALUE_MAX + " characters";
        }
        return value.isEmpty() || nameChars(value) ? null : "must be empty or consist of letters, digits, '-', "
                + "'_' or '.', starting and ending with a letter or digit (e.g. 'MyValue' or 'my_value')";
    }

    private static boolean nameChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            boolean edge = i == 0 || i == value.length() - 1;
            if (!(alphanumeric || !edge && (c == '-' || c == '_' || c == '.'))) {
                return false;
            }
        }
        return true;
    }
}
