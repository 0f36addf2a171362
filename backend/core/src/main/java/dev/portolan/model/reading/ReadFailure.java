package dev.portolan.model.reading;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Why a text could not be read, in words that never quote the text: parser messages carry snippets and tokens
 * (a Secret's value among them), and they end up in load problems, logs and API answers.
 *
 * @param line   1-based line within the text read, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field  the key at fault for a duplicate key ({@code metadata.labels.app}), else empty
 * @param reason what is wrong, without content
 */
public record ReadFailure(int line, int column, String field, String reason) {
    /** Quoted parts longer than one (escaped) character are content; a lone character says what was found. */
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]{3,}'|\"[^\"\\n]{3,}\"|`[^`\\n]{3,}`");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$");

    public static ReadFailure of(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int line = location == null || location.getLineNr() < 1 ? 0 : location.getLineNr();
        int column = location == null || location.getColumnNr() < 1 ? 0 : location.getColumnNr();
        String original = firstLine(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.matches()) {
            return new ReadFailure(line, column, duplicateField(e, duplicate.group(1)),
                    "duplicate key \"" + duplicate.group(1) + "\" (a key may appear once per mapping)");
        }
        if (e instanceof StreamConstraintsException) {
            return new ReadFailure(line, column, "", "too large to read: " + withoutContent(original));
        }
        MarkedYAMLException yaml = yamlCause(e);
        String what = yaml == null ? original : join(yaml.getContext(), yaml.getProblem());
        return new ReadFailure(line, column, "", withoutContent(what));
    }

    /** "syntax error at line 3, column 7: ..." with the line offset to the enclosing file. */
    public String describe(int lineOffset) {
        StringBuilder out = new StringBuilder();
        if (line > 0) {
            out.append("at line ").append(line + lineOffset);
            if (column > 0) {
                out.append(", column ").append(column);
            }
            out.append(": ");
        }
        return out.append(reason).toString();
    }

    /** The message with quoted content (tokens, values) replaced by "(…)". */
    public static String withoutContent(String message) {
        return QUOTED.matcher(message).replaceAll("(…)");
    }

    private static MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String join(String context, String problem) {
        String p = problem == null ? "" : problem.strip();
        return context == null || context.isBlank() ? p : context.strip() + ": " + p;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int eol = message.indexOf('\n');
        return (eol < 0 ? message : message.substring(0, eol)).strip();
    }

    /** The dotted path of the duplicate key, from the parser's position when it noticed. */
    private static String duplicateField(JsonProcessingException e, String key) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return key;
        }
        StringBuilder path = new StringBuilder();
        JsonStreamContext context = parser.getParsingContext();
        // the context is the mapping holding the duplicate; its own name is already the duplicate key
        for (JsonStreamContext c = context == null ? null : context.getParent(); c != null && !c.inRoot();
             c = c.getParent()) {
            String step = c.inArray() ? "[" + c.getCurrentIndex() + "]"
                    : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
            path.insert(0, step);
        }
        path.append('.').append(key);
        String dotted = path.toString();
        return dotted.startsWith(".") ? dotted.substring(1) : dotted;
    }
}
