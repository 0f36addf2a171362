package dev.portolan.web.pages;

/**
 * One column of a list table.
 *
 * @param header what the th says
 * @param field  the list item's field (gwctl's wide column), or {@code namespace}/{@code name} from metadata
 * @param status whether the value is a condition status shown as a badge
 */
public record Column(String header, String field, boolean status) {
    static Column text(String header, String field) {
        return new Column(header, field, false);
    }

    static Column status(String header, String field) {
        return new Column(header, field, true);
    }
}
