package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void marksRemovedAndAddedLines() {
        String diff = LineDiff.render(List.of("a", "b", "c"), List.of("a", "x", "c"));

        assertEquals("  a\n- b\n+ x\n  c\n", diff);
    }

    @Test
    void foldsLongUnchangedRunsAroundAChange() {
        List<String> expected = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        List<String> actual = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "ten");

        String diff = LineDiff.render(expected, actual);

        assertEquals("  ... 6 unchanged lines ...\n  7\n  8\n  9\n- 10\n+ ten\n", diff);
    }

    @Test
    void showsAppendedLines() {
        assertEquals("  a\n+ b\n", LineDiff.render(List.of("a"), List.of("a", "b")));
    }
}
