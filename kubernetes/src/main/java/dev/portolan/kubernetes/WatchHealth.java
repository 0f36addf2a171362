package dev.portolan.kubernetes;

import dev.portolan.store.LoadProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Which informers cannot read the cluster right now, as load problems, until they can again. Two signals: a list or
 * watch that failed (the informer's exception handler reports it; fabric8 then retries), and a watch that has not
 * been connected for {@link #GRACE} (fabric8 reconnects a dropped watch by itself and tells no one; its routine
 * re-watches take milliseconds). Not thread-safe: the store uses it on its store thread only.
 */
final class WatchHealth {
    /** How long a listed informer may be without a connected watch before it counts as interrupted. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Map<Object, Watched> watched = new IdentityHashMap<>();

    private static final class Watched {
        final String description;
        final BooleanSupplier listed;
        final BooleanSupplier watching;
        Instant quietSince;
        boolean failing;
        LoadProblem problem;

        Watched(String description, BooleanSupplier listed, BooleanSupplier watching) {
            this.description = description;
            this.listed = listed;
            this.watching = watching;
        }
    }

    /**
     * Starts following one informer.
     *
     * @param description what it reads, e.g. {@code Service v1 in all namespaces}
     * @param listed      whether its first list has completed (objects are served from its cache)
     * @param watching    whether its watch is connected now
     */
    void add(Object informer, String description, BooleanSupplier listed, BooleanSupplier watching) {
        watched.put(informer, new Watched(description, listed, watching));
    }

    /** Stops following an informer (stopped because its kind is no longer read). */
    void remove(Object informer) {
        watched.remove(informer);
    }

    /** A list or watch of the informer failed and will be retried. Returns whether the problems changed. */
    boolean failed(Object informer, Throwable failure, Instant now) {
        Watched one = watched.get(informer);
        if (one == null || one.failing) {
            return false; // the first failure's time and reason stand: retries would otherwise churn snapshots
        }
        one.failing = true;
        one.problem = problem(one.description + " cannot be read since " + time(now) + ": " + message(failure)
                + "; retrying", one.listed.getAsBoolean());
        return true;
    }

    /**
     * Looks at every informer's watch: one back on its watch loses its problem, a listed one without a watch for
     * longer than {@link #GRACE} gets one. Returns whether the problems changed.
     */
    boolean check(Instant now) {
        boolean changed = false;
        for (Watched one : watched.values()) {
            if (one.watching.getAsBoolean()) {
                one.quietSince = null;
                one.failing = false;
                changed |= one.problem != null;
                one.problem = null;
            } else if (one.listed.getAsBoolean() && one.problem == null) {
                if (one.quietSince == null) {
                    one.quietSince = now;
                } else if (!now.isBefore(one.quietSince.plus(GRACE))) {
                    one.problem = problem(one.description + ": watch interrupted since " + time(one.quietSince)
                            + ", reconnecting", true);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The current problems, ordered by what the informers read. */
    List<LoadProblem> problems() {
        List<LoadProblem> problems = new ArrayList<>();
        for (Watched one : watched.values()) {
            if (one.problem != null) {
                problems.add(one.problem);
            }
        }
        problems.sort(Comparator.comparing(LoadProblem::reason));
        return problems;
    }

    private static LoadProblem problem(String reason, boolean keptPrevious) {
        return new LoadProblem(KindCatalog.SOURCE, -1, 0, null, "", reason, keptPrevious);
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String message(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof java.util.concurrent.CompletionException || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
