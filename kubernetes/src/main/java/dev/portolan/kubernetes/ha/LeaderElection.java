package dev.portolan.kubernetes.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over a coordination.k8s.io Lease (fabric8's {@link LeaderElector}). Every replica serves the API
 * and dashboard; only the one for which {@link #isLeader()} is true writes status and provisions. Losing the Lease
 * puts the replica back in the race; {@link #close()} releases the Lease so a follower takes over without waiting
 * for it to expire.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaderElectionSettings settings;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicReference<String> currentLeader = new AtomicReference<>();
    private final ExecutorService executor;
    private final Object lifecycle = new Object();
    private CompletableFuture<?> running;
    private boolean closed;

    public LeaderElection(KubernetesClient client, LeaderElectionSettings settings) {
        this.client = client;
        this.settings = settings;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "portolan-leader-election-" + settings.identity());
            thread.setDaemon(true);
            return thread;
        });
    }

    public LeaderElectionSettings settings() {
        return settings;
    }

    /** Joins the race; returns at once. Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("leader election " + settings.identity() + " is closed");
            }
            if (running == null) {
                run();
            }
        }
    }

    /** True while this replica holds the Lease. */
    public boolean isLeader() {
        return leading.get();
    }

    /** The identity the Lease last named as leader, if any was seen. */
    public Optional<String> currentLeader() {
        return Optional.ofNullable(currentLeader.get());
    }

    public void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    /** Stops leading (releasing the Lease) and leaves the race. */
    @Override
    public void close() {
        CompletableFuture<?> stopping;
        synchronized (lifecycle) {
            closed = true;
            stopping = running;
            running = null;
        }
        if (stopping != null) {
            stopping.cancel(true);
        }
        changed(false);
        executor.shutdownNow();
    }

    private void run() {
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()),
                settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod(),
                new LeaderCallbacks(() -> changed(true), () -> changed(false), currentLeader::set),
                true, settings.leaseName());
        CompletableFuture<?> future = new LeaderElector(client, config, executor).start();
        running = future;
        // fabric8's elector ends once leadership is lost; rejoin unless closed.
        future.whenComplete((ignored, error) -> {
            synchronized (lifecycle) {
                if (closed || running != future) {
                    return;
                }
                if (error != null) {
                    LOG.warn("leader election {} in {}/{} ended; rejoining", settings.identity(),
                            settings.namespace(), settings.leaseName(), error);
                }
                running = null;
                changed(false);
                // after a retry period, so an elector failing at once (e.g. forbidden) does not spin
                CompletableFuture.delayedExecutor(settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor)
                        .execute(() -> {
                            synchronized (lifecycle) {
                                if (!closed && running == null) {
                                    run();
                                }
                            }
                        });
            }
        });
    }

    private void changed(boolean nowLeading) {
        if (leading.getAndSet(nowLeading) == nowLeading) {
            return;
        }
        LOG.info("{} {} leading ({}/{})", settings.identity(), nowLeading ? "started" : "stopped",
                settings.namespace(), settings.leaseName());
        for (LeadershipListener listener : listeners) {
            try {
                listener.leadershipChanged(nowLeading);
            } catch (RuntimeException e) {
                LOG.warn("leadership listener failed", e);
            }
        }
    }
}
