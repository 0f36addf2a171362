package dev.portolan.model.reading;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character source over a text already in memory. SnakeYAML's own reader copies its look-ahead window
 * each time it grows by a buffer, so scanning one long line costs time quadratic in its length (a 2 MB scalar took
 * 2 s, a 50 MB file minutes); here a look-ahead is an array read. Marks carry no text, so no parser message can
 * quote a document (a Secret's value, say) in a snippet.
 */
final class WholeTextReader extends StreamReader {
    private static final int[] NO_TEXT = {0};

    private final int[] codePoints;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    /** @param codePoints the text, already checked to hold only characters YAML allows */
    WholeTextReader(int[] codePoints) {
        super("");
        this.codePoints = codePoints;
    }

    @Override
    public Mark getMark() {
        return new Mark("text", index, line, column, NO_TEXT, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && pointer < codePoints.length; i++) {
            int c = codePoints[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || c == '\r' && (pointer >= codePoints.length || codePoints[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int offset) {
        int at = pointer + offset;
        return at < codePoints.length ? codePoints[at] : '\0';
    }

    @Override
    public String prefix(int length) {
        int available = Math.max(0, Math.min(length, codePoints.length - pointer));
        return available == 0 ? "" : new String(codePoints, pointer, available);
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        // as in SnakeYAML: a prefix never holds a line break
        pointer += length;
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
