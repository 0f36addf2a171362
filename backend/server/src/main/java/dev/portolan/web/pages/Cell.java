package dev.portolan.web.pages;

import java.util.List;

/**
 * One table cell: its text, the value sorting uses, and for status cells the badge class and hover title.
 *
 * @param text    shown text
 * @param sortKey what the client-side sort compares (numbers zero-padded so text order is numeric order)
 * @param badge   CSS class of the badge ({@code status-true} ...), or null for plain text
 * @param title   the hover text of a badge, or null
 * @param links   links shown instead of the text when not empty
 */
public record Cell(String text, String sortKey, String badge, String title, List<Link> links) {
    /** A link inside a cell (policies, what a policy affects, a CRD's instances). */
    public record Link(String text, String href) {
    }

    public Cell {
        links = links == null ? List.of() : List.copyOf(links);
    }

    public Cell(String text, String sortKey, String badge, String title) {
        this(text, sortKey, badge, title, List.of());
    }
}
