package dev.portolan.proxy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the bytes allocated so far by all live threads of this JVM (HotSpot's per-thread allocation counters)
 * to a file every 100 ms, so that the bench script can read it before and after a round and divide by the
 * requests of that round. Threads that ended take their counts with them; the proxy's threads are long-lived
 * pool threads.
 */
final class AllocationMeter {

    private AllocationMeter() {
    }

    static void start(Path file) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Thread meter = new Thread(() -> {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            while (true) {
                long total = 0;
                for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                    if (allocated > 0) {
                        total += allocated;
                    }
                }
                try {
                    Files.writeString(temporary, total + "\n", StandardCharsets.US_ASCII);
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(100);
                } catch (IOException e) {
                    System.err.println("allocation meter stopped: " + e);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "allocation-meter");
        meter.setDaemon(true);
        meter.start();
    }
}
