package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccessLogWriterTest {

    @Test
    void linesArriveWholeInOrderFromSeveralThreads() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream synchronizedSink = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                sink.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }
        };
        AccessLogWriter writer = new AccessLogWriter(synchronizedSink, false, 100_000, "test-access-writer");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    assertTrue(writer.offer("{\"thread\":" + thread + ",\"n\":" + i + ",\"path\":\"/caf\u00e9\"}"));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        writer.close();
        String[] lines;
        synchronized (synchronizedSink) {
            lines = sink.toString(StandardCharsets.UTF_8).split("\n", -1);
        }
        assertEquals(20_001, lines.length, "20,000 lines and the empty rest after the last newline");
        int[] next = new int[4];
        for (int i = 0; i < 20_000; i++) {
            String line = lines[i];
            int thread = line.charAt(10) - '0';
            assertEquals("{\"thread\":" + thread + ",\"n\":" + next[thread]++ + ",\"path\":\"/caf\u00e9\"}", line);
        }
        assertEquals(20_000, writer.written());
        assertEquals(0, writer.dropped());
    }

    @Test
    void aBlockedOutputNeverBlocksTheCallersAndExcessLinesAreDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    release.await(); // a stdout nobody reads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AccessLogWriter writer = new AccessLogWriter(stuck, false, 100, "test-access-writer-stuck");
        long started = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            if (writer.offer("{\"n\":" + i + "}")) {
                accepted++;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 5_000, "100,000 lines offered in " + millis + " ms against a blocked output");
        assertTrue(accepted <= 200, "at most the queue and the batch being written were taken: " + accepted);
        assertEquals(100_000 - accepted, writer.dropped());
        release.countDown();
        writer.close();
    }
}
