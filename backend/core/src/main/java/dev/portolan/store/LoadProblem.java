package dev.portolan.store;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.Printable;

/**
 * A file or document that could not be loaded, reported to logs and the API. Every other object keeps working.
 *
 * @param file          path relative to the manifest folder
 * @param documentIndex 0-based index of the YAML document in the file, or -1 when the whole file is at fault
 * @param line          1-based line of the fault, or 0 when unknown
 * @param object        the object the document declares, when that much could be read
 * @param field         JSON path of the field at fault, e.g. {@code spec.listeners[0].port}; empty for the document
 * @param reason        what is wrong, in words
 * @param keptPrevious  whether the last good version of the object(s) is still being served
 */
public record LoadProblem(String file, int documentIndex, int line, ResourceKey object, String field, String reason,
                          boolean keptPrevious) {

    /** One line for logs: {@code gateways.yaml doc 2 line 14: Gateway/default/web spec.listeners[0].port: must be an integer}. */
    public String describe() {
        // a refused object's name or file name may hold control characters: they must not forge log lines
        StringBuilder out = new StringBuilder(Printable.of(file));
        if (documentIndex >= 0) {
            out.append(" document ").append(documentIndex);
        }
        if (line > 0) {
            out.append(" line ").append(line);
        }
        out.append(": ");
        if (object != null) {
            out.append(Printable.of(object.toString())).append(' ');
        }
        if (field != null && !field.isEmpty()) {
            out.append(field).append(' ');
        }
        out.append(reason);
        if (keptPrevious) {
            out.append(" (still serving the last good version)");
        }
        return out.toString();
    }
}
