package dev.portolan.distribute;

import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.translate.Translation;
import dev.portolan.translate.TranslationProblem;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every control-plane snapshot into a proxy config and publishes it. Translation problems (things the
 * resources say that the data plane cannot do) are logged once each time the set of problems changes.
 */
public final class ConfigTranslation implements Consumer<ControlPlaneSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigTranslation.class);
    private final ConfigPublisher publisher;
    /** Logged when they change; the API reads them from the snapshot ({@code ControlPlane.translationProblems}). */
    private List<TranslationProblem> lastProblems = List.of();

    public ConfigTranslation(ConfigPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void accept(ControlPlaneSnapshot snapshot) {
        // translated once, by the pipeline (its problems are on the statuses)
        Translation translation = snapshot.computed().translation();
        PublishedConfig published = publisher.publish(translation.config());
        List<TranslationProblem> problems = translation.problems();
        if (!problems.equals(lastProblems)) {
            problems.forEach(problem -> LOG.warn("proxy config: {}", problem));
            lastProblems = problems;
        }
        LOG.debug("proxy config version {} from snapshot {}", published.version(), snapshot.version());
    }
}
