package dev.portolan.threads;

import com.sun.jna.NativeLibrary;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads whose work may wait a few milliseconds for the in-process proxy: rebuilding snapshots, the manifest store,
 * the folder watch and the API. On Linux, once {@link #yieldToProxy() enabled}, they run under {@code SCHED_IDLE}:
 * a proxy thread that wakes up preempts them at once instead of waiting out their time slice on a core they hold
 * (measured: most of the proxy's wait for a core under churn was a control-plane thread running there). The price:
 * on a machine whose cores are all busy with ordinary work they get CPU only when it is left over, so a change may
 * take longer to reach traffic there. Elsewhere (not Linux, no C library to call) they stay ordinary threads.
 *
 * <p>Process-wide on purpose: a thread's scheduling class is a property of the process's threads, not of one
 * control plane object, and a thread that was lowered cannot raise itself again without {@code CAP_SYS_NICE}.
 */
public final class BackgroundThreads {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
    /** {@code SCHED_IDLE} in linux/sched.h. */
    private static final int SCHED_IDLE = 5;

    private static volatile boolean yieldToProxy;
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

    private BackgroundThreads() {
    }

    /** From now on, threads of {@link #factory} and {@link #wrap} lower themselves when they start. */
    public static void yieldToProxy() {
        yieldToProxy = true;
    }

    public static boolean yieldsToProxy() {
        return yieldToProxy;
    }

    /** Daemon threads named {@code name}. */
    public static ThreadFactory factory(String name) {
        return runnable -> {
            Thread thread = new Thread(() -> {
                lowerCurrentThread();
                runnable.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The threads of {@code delegate} (a library's own factory: its thread classes and names are kept). */
    public static ThreadFactory wrap(ThreadFactory delegate) {
        return runnable -> delegate.newThread(() -> {
            lowerCurrentThread();
            runnable.run();
        });
    }

    /**
     * Puts the calling thread under {@code SCHED_IDLE} when {@link #yieldToProxy()} was called; returns whether it
     * runs there now. Safe to call on any platform and more than once.
     */
    public static boolean lowerCurrentThread() {
        if (!yieldToProxy) {
            return false;
        }
        if (LOWERED.get()) {
            return true;
        }
        boolean lowered = schedIdle();
        LOWERED.set(lowered);
        return lowered;
    }

    private static boolean schedIdle() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            report("not Linux", null);
            return false;
        }
        try {
            // the C library the JVM itself runs on (no library name to guess); pid 0 is the calling thread (Linux
            // schedules threads, the policy is per thread); sched_param is one int, the priority, 0 for SCHED_IDLE
            int result = NativeLibrary.getProcess().getFunction("sched_setscheduler")
                    .invokeInt(new Object[] {0, SCHED_IDLE, new int[] {0}});
            if (result != 0) {
                report("sched_setscheduler answered " + result, null);
                return false;
            }
            if (REPORTED.compareAndSet(false, true)) {
                LOG.info("control-plane threads run under SCHED_IDLE so that the in-process proxy's threads get "
                        + "the CPU first (portolan.proxy.cpu-first)");
            }
            return true;
        } catch (LinkageError | RuntimeException e) {
            report(e.toString(), e);
            return false;
        }
    }

    private static void report(String why, Throwable cause) {
        if (REPORTED.compareAndSet(false, true)) {
            LOG.warn("control-plane threads keep ordinary CPU priority ({}); under load the in-process proxy may "
                    + "wait for them", why, cause);
        }
    }
}
