package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsArePaddedToTheWidestCellTwoSpacesApartWithoutTrailingSpaces() {
        Table table = new Table(List.of("NAME", "KIND", "AGE"))
                .row(List.of("a-long-name", "Gateway", "5m"))
                .row(List.of("b", "", "<unknown>"));
        assertEquals("""
                NAME         KIND     AGE
                a-long-name  Gateway  5m
                b                     <unknown>
                """, table.render());
        assertEquals("""
                  NAME         KIND     AGE
                  ----         ----     ---
                  a-long-name  Gateway  5m
                  b                     <unknown>
                """, table.render("  ", true));
    }

    @Test
    void controlCharactersInCellsCannotReachTheTerminal() {
        assertEquals("NAME\nevil?]0;title?\n", new Table(List.of("NAME")).row(List.of("evil\u001b]0;title\u0007")).render());
    }

    @Test
    void longListsShowTwoAndACount() {
        assertEquals("None", GetTables.firstFew(List.of()));
        assertEquals("a,b", GetTables.firstFew(List.of("a", "b")));
        assertEquals("a,b + 2 more", GetTables.firstFew(List.of("a", "b", "c", "d")));
    }
}
