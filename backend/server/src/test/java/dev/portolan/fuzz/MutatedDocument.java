package dev.portolan.fuzz;

/**
 * One hostile manifest as sent.
 *
 * @param text      the document, as YAML or JSON text
 * @param mediaType {@code application/yaml} or {@code application/json}
 * @param mutations what was done to the seed, for the failure report
 */
record MutatedDocument(String text, String mediaType, String mutations) {

    /** A short form for failure reports: the mutations and the first characters. */
    String describe() {
        String head = text.length() > 160 ? text.substring(0, 160) + "..." : text;
        return mutations + " | " + head.replace("\n", "\\n");
    }
}
