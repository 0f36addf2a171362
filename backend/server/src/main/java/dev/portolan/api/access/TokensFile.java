package dev.portolan.api.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tokens file ({@code portolan.api.tokens-file}): one token per line, {@code NAME ROLE TOKEN} separated by
 * spaces or tabs, role {@code viewer} or {@code editor}; blank lines and lines starting with {@code #} are skipped.
 * A bad line is refused alone, naming its number and the reason (never echoing the token). Pure.
 */
public final class TokensFile {
    /** Shorter tokens can be guessed; the generated one has 36 hex digits. */
    public static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    public record Parsed(List<TokenEntry> tokens, List<String> problems) {
    }

    private TokensFile() {
    }

    public static Parsed parse(String content) {
        List<TokenEntry> tokens = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = null;
            String[] fields = line.split("[ \t]+");
            if (fields.length != 3) {
                problem = "expected NAME ROLE TOKEN, found " + fields.length + " field(s)";
            } else if (!NAME.matcher(fields[0]).matches()) {
                problem = "name '" + fields[0] + "' must be 1-63 letters, digits, '.', '_', '@' or '-'";
            } else if (Role.parse(fields[1]).isEmpty()) {
                problem = "role '" + fields[1] + "' is not viewer or editor";
            } else if (fields[2].length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(fields[2]).matches()) {
                problem = "token must be at least " + MIN_TOKEN_LENGTH + " printable ASCII characters";
            } else if (!names.add(fields[0])) {
                problem = "name '" + fields[0] + "' appears twice";
            }
            if (problem != null) {
                problems.add("line " + (i + 1) + ": " + problem);
            } else {
                tokens.add(TokenEntry.of(fields[0], Role.parse(fields[1]).orElseThrow(), fields[2]));
            }
        }
        return new Parsed(List.copyOf(tokens), List.copyOf(problems));
    }
}
