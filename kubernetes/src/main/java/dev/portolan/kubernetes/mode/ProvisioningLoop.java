package dev.portolan.kubernetes.mode;

import dev.portolan.kubernetes.provision.GatewayProvisioner;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the provisioner off the snapshot thread (it calls the API server; a slow cluster must not delay snapshots),
 * on the newest snapshot only (bursts coalesce), when this replica leads, and again every period for drift the
 * store does not see.
 */
final class ProvisioningLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningLoop.class);

    private final GatewayProvisioner provisioner;
    private final BooleanSupplier leading;
    private final AtomicReference<ControlPlaneSnapshot> newest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portolan-provisioning");
        thread.setDaemon(true);
        return thread;
    });

    ProvisioningLoop(GatewayProvisioner provisioner, BooleanSupplier leading, Duration period) {
        this.provisioner = provisioner;
        this.leading = leading;
        worker.scheduleWithFixedDelay(this::queue, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reconciles against this snapshot soon (or a newer one, if it arrives first). */
    void offer(ControlPlaneSnapshot snapshot) {
        newest.set(snapshot);
        queue();
    }

    private void queue() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    reconcile();
                });
            } catch (RejectedExecutionException closed) {
                // Closed before the snapshot service, which may still hand over the last snapshot: nothing to do.
                queued.set(false);
            }
        }
    }

    private void reconcile() {
        ControlPlaneSnapshot snapshot = newest.get();
        if (snapshot == null || !leading.getAsBoolean()) {
            return;
        }
        try {
            GatewayProvisioner.Outcome outcome = provisioner.reconcile(snapshot);
            if (!outcome.written().isEmpty() || !outcome.deleted().isEmpty()) {
                LOG.info("provisioning (snapshot {}): wrote {}, deleted {}", snapshot.version(), outcome.written(),
                        outcome.deleted());
            }
            if (!outcome.failed().isEmpty()) {
                LOG.warn("provisioning (snapshot {}): failed {}; retried on the next change or within the period",
                        snapshot.version(), outcome.failed());
            }
        } catch (RuntimeException e) {
            LOG.error("provisioning (snapshot {}) failed; retried on the next change or within the period",
                    snapshot.version(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
