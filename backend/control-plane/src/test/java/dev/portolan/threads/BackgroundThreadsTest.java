package dev.portolan.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads each thread's scheduling policy where Linux reports it (field 41 of /proc/thread-self/stat). */
class BackgroundThreadsTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @Test
    void threadsRunUnderSchedIdleOnceTheControlPlaneYieldsToItsProxy() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux reports scheduling policies");
        // a library's factory (as Micronaut's) keeps its names; ours names the thread
        var wrapped = Executors.newSingleThreadExecutor(BackgroundThreads.wrap(runnable -> new Thread(runnable,
                "library-thread")));
        var named = Executors.newSingleThreadExecutor(BackgroundThreads.factory("portolan-test-background"));
        try {
            BackgroundThreads.yieldToProxy();
            assertEquals(SCHED_IDLE, CompletableFuture.supplyAsync(BackgroundThreadsTest::policy, named)
                    .get(10, TimeUnit.SECONDS));
            assertEquals("library-thread", CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(),
                    wrapped).get(10, TimeUnit.SECONDS));
            assertEquals(SCHED_IDLE, CompletableFuture.supplyAsync(BackgroundThreadsTest::policy, wrapped)
                    .get(10, TimeUnit.SECONDS));
            // every other thread (the proxy's, the test's own) keeps the ordinary policy
            assertEquals(SCHED_OTHER, policy());
            assertTrue(BackgroundThreads.yieldsToProxy());
        } finally {
            named.shutdownNow();
            wrapped.shutdownNow();
        }
    }

    @Test
    void aThreadThatIsNotOneOfThemIsNeverLowered() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux reports scheduling policies");
        var plain = Executors.newSingleThreadExecutor();
        try {
            BackgroundThreads.yieldToProxy();
            assertEquals(SCHED_OTHER, CompletableFuture.supplyAsync(BackgroundThreadsTest::policy, plain)
                    .get(10, TimeUnit.SECONDS));
        } finally {
            plain.shutdownNow();
        }
    }

    /** The calling thread's policy: field 41 of its stat line, counted after the command name's closing bracket. */
    static int policy() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[41 - 3]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
