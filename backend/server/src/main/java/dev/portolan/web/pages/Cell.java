package dev.portolan.web.pages;

/**
 * One table cell: its text, the value sorting uses, and for status cells the badge class and hover title.
 *
 * @param text    shown text
 * @param sortKey what the client-side sort compares (numbers zero-padded so text order is numeric order)
 * @param badge   CSS class of the badge ({@code status-true} ...), or null for plain text
 * @param title   the hover text of a badge, or null
 */
public record Cell(String text, String sortKey, String badge, String title) {
}
