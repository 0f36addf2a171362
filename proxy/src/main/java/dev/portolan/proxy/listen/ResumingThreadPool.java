package dev.portolan.proxy.listen;

import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The proxy server's thread pool. When a request completes after its handler returned (the answer relayed
 * later), Jetty resumes the HTTP/1.1 connection by handing it to a pool thread, which reads the next request.
 * With a non-blocking forwarder the thread that completed the request (the selector thread that relayed the
 * answer) reads on itself instead: a request then costs no thread wake-up. One level only: a connection that
 * is resumed inline and completes another request at once (pipelining) goes to the pool.
 */
final class ResumingThreadPool extends QueuedThreadPool {
    /** Whether this thread is resuming a connection inline (a holder read per request: no set/remove garbage). */
    private static final ThreadLocal<boolean[]> RESUMING = ThreadLocal.withInitial(() -> new boolean[1]);

    private final boolean resumeInline;

    ResumingThreadPool(int maxThreads, int minThreads, boolean resumeInline) {
        super(maxThreads, minThreads);
        this.resumeInline = resumeInline;
    }

    @Override
    public void execute(Runnable job) {
        if (resumeInline && job instanceof HttpConnection) {
            boolean[] resuming = RESUMING.get();
            if (!resuming[0]) {
                resuming[0] = true;
                try {
                    job.run();
                } finally {
                    resuming[0] = false;
                }
                return;
            }
        }
        super.execute(job);
    }
}
