package dev.portolan.translate;

import dev.portolan.proxy.config.ProxyConfig;
import java.util.List;

/** A translated config and the problems met on the way (sorted, empty when everything could be expressed). */
public record Translation(ProxyConfig config, List<TranslationProblem> problems) {
    public Translation {
        problems = List.copyOf(problems);
    }
}
