package dev.portolan.model.validation;

/**
 * Text from a refused object shown to people (logs, the overview, problem answers): control characters and
 * bidirectional overrides become {@code \\uXXXX}, so a hostile name can neither forge a log line nor read reversed.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ObjectValidator.isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
