package dev.portolan.model.reading;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The YAML factory every manifest is read with. Reading costs time linear in the text: the text is capped at
 * {@link ReadLimits#MAX_TEXT_CHARS} while it is read, scanned by {@link WholeTextReader} (no quadratic look-ahead),
 * nesting and string lengths are capped by Jackson's stream constraints, and aliases ({@code *name}) are refused:
 * Jackson would read an alias as its bare name, silently changing the object, and expanding them is what makes
 * "billion laughs" documents expensive.
 */
final class BoundedYamlFactory extends YAMLFactory {

    BoundedYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    private BoundedYamlFactory(BoundedYamlFactory source) {
        super(source, null);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ReadLimits.MAX_TEXT_CHARS);
        options.setNestingDepthLimit(ReadLimits.MAX_NESTING_DEPTH);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    @Override
    public YAMLFactory copy() {
        return new BoundedYamlFactory(this);
    }

    @Override
    protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return _createParser(_createReader(in, JsonEncoding.UTF8, ctxt), ctxt);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext ctxt) throws IOException {
        return parserFor(readBounded(reader), ctxt);
    }

    @Override
    protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
            throws IOException {
        if (len > ReadLimits.MAX_TEXT_CHARS) {
            throw tooLong();
        }
        return parserFor(new String(data, offset, len), ctxt);
    }

    @Override
    protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        if (len > ReadLimits.MAX_TEXT_BYTES) {
            throw tooLong();
        }
        return _createParser(_createReader(data, offset, len, JsonEncoding.UTF8, ctxt), ctxt);
    }

    private YAMLParser parserFor(String text, IOContext ctxt) throws JsonParseException {
        int[] codePoints = printableCodePoints(text);
        ParserImpl events = new AliasRefusingParser(new WholeTextReader(codePoints), _loaderOptions);
        return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _objectCodec, events);
    }

    private static String readBounded(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
            if (text.length() > ReadLimits.MAX_TEXT_CHARS) {
                throw tooLong();
            }
        }
        return text.toString();
    }

    /** The text's code points; YAML forbids control characters other than tab and line breaks (as SnakeYAML). */
    private static int[] printableCodePoints(String text) throws JsonParseException {
        int[] codePoints = text.codePoints().toArray();
        int line = 1;
        int column = 1;
        for (int c : codePoints) {
            if (!StreamReader.isPrintable(c)) {
                throw new JsonParseException(null, String.format("control character U+%04X is not allowed in YAML",
                        c), new JsonLocation(ContentReference.unknown(), -1, -1, line, column));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return codePoints;
    }

    private static StreamConstraintsException tooLong() {
        return new StreamConstraintsException("the text is longer than "
                + ReadLimits.mebibytes(ReadLimits.MAX_TEXT_BYTES));
    }

    /** Jackson's YAML parser on a given event source (its constructor for that is protected). */
    private static final class Parser extends YAMLParser {
        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, ObjectCodec codec, ParserImpl events) {
            super(ctxt, parserFeatures, formatFeatures, codec, new StringReader(""), events);
        }
    }

    private static final class AliasRefusingParser extends ParserImpl {
        AliasRefusingParser(StreamReader reader, LoaderOptions options) {
            super(reader, options);
        }

        @Override
        public Event getEvent() {
            Event event = super.getEvent();
            if (event instanceof AliasEvent) {
                Mark mark = event.getStartMark();
                throw new ParserException(null, null, "YAML aliases (*name) are not supported; write the value out",
                        mark);
            }
            if (event instanceof ScalarEvent scalar && scalar.getValue().length() > ReadLimits.MAX_STRING_CHARS) {
                throw new ParserException(null, null, "too large: a string value is longer than "
                        + ReadLimits.mebibytes(ReadLimits.MAX_STRING_CHARS), event.getStartMark());
            }
            return event;
        }
    }
}
