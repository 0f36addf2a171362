package dev.portolan.cli;

/** gwctl's --for TYPE[/NAMESPACE]/NAME: a namespaced kind without a namespace means the -n namespace. Pure. */
final class Related {
    private Related() {
    }

    static String normalize(String related, String namespace) {
        if (related == null || related.isBlank()) {
            return null;
        }
        String[] parts = related.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new CliFailure(Exit.USAGE, "--for must be KIND/NAMESPACE/NAME or KIND/NAME (e.g. "
                    + "gateway/default/web), not \"" + Failures.printable(related) + "\"");
        }
        if (parts.length == 2 && Kind.named(parts[0]).map(kind -> kind.namespaced && kind != Kind.POLICIES)
                .orElse(false)) {
            return parts[0] + "/" + namespace + "/" + parts[1];
        }
        return related.strip();
    }
}
