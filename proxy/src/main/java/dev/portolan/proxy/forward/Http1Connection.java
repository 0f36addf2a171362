package dev.portolan.proxy.forward;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * One keep-alive HTTP/1.1 connection to a backend, on Jetty's I/O layer: the request head and body are written
 * to the socket, the answer is read with Jetty's {@link HttpParser} and handed to a {@link Listener} piece by
 * piece; the next piece is parsed only once the listener has consumed the previous one (back-pressure). All
 * callbacks are non-blocking, so they run on the selector thread that noticed the bytes. One exchange at a time;
 * after a complete answer on a connection that may stay open it goes back to its {@link Http1Pool}.
 */
final class Http1Connection extends AbstractConnection
        implements HttpParser.ResponseHandler, UpstreamSelectors.UpstreamConnection {

    /** Largest answer head accepted from a backend. */
    static final int MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
    /** How long a pooled connection may stay idle, and the longest silence within an exchange without timeouts. */
    static final long IDLE_TIMEOUT_MILLIS = 60_000;

    /** What the connection reports about the one exchange it carries. */
    interface Listener {
        /** The answer's status and headers. False abandons the answer (the connection is then closed). */
        boolean onResponseHead(int status, HttpFields.Mutable headers);

        /** A piece of the body, valid until {@code consumed} completes; failing it aborts the exchange. */
        void onResponseContent(ByteBuffer content, Callback consumed);

        /**
         * The answer is complete and the connection already back in its pool.
         *
         * @param last    the body's last piece when it arrived with the end (Content-Length framing), so that it
         *                goes to the client together with the end; null otherwise
         * @param release to run once {@code last} is written (it lives in the connection's former read buffer)
         */
        void onResponseComplete(ByteBuffer last, Runnable release);

        /**
         * The exchange failed; the connection is closed.
         *
         * @param staleConnection the connection had served earlier exchanges and nothing of this answer arrived:
         *                        the backend most likely closed it while idle, before it saw the request
         */
        void onFailure(Throwable failure, boolean staleConnection);
    }

    private static final Runnable NOTHING = () -> { };
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int PARKED = 2;
    private static final int DONE = 3;
    private static final int SENDING = 0;
    private static final int SENT = 1;
    private static final int ANSWERED = 2;

    private final Http1Pool.Home home;
    /** How much of an answer one read takes. */
    static final int READ_BUFFER_BYTES = 16 * 1024;

    private final ByteBufferPool buffers;
    private final HttpParser parser = new HttpParser(this, MAX_RESPONSE_HEAD_BYTES);
    private final AtomicReference<Listener> listener = new AtomicReference<>();
    /** State of the piece handed to the listener: parsing stops until it is consumed. */
    private final AtomicInteger consume = new AtomicInteger(IDLE);
    private final Callback consumed = new ConsumedCallback();
    private final Callback headWritten = new HeadWritten();
    /** Read interest that is served on the selector thread (never dispatched to a worker). */
    private final Callback fillable = new Callback() {
        @Override
        public void succeeded() {
            onFillable();
        }

        @Override
        public void failed(Throwable cause) {
            onFillInterestedFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    };
    private Http1Pool.Opening opening;
    private RetainableByteBuffer input;
    private ByteBuffer lastContent;
    private HttpFields.Mutable responseHeaders;
    private int status;
    private boolean headRequest;
    private boolean interim;
    private boolean complete;
    private boolean closeAfter;
    /** Whether the request is written; the answer can complete first on another thread (see finish). */
    private final AtomicInteger request = new AtomicInteger(SENT);
    private BodyPump body;
    private int exchanges;

    Http1Connection(EndPoint endPoint, Executor executor, ByteBufferPool buffers, Http1Pool.Home home,
                    Http1Pool.Opening opening) {
        super(endPoint, executor);
        // AbstractConnection reads 2 KiB at a time: a 64 KiB answer then took 32 read/parse/write rounds
        // (0.34 x nginx's requests/s); Jetty's HttpClient reads answers 16 KiB at a time.
        setInputBufferSize(READ_BUFFER_BYTES);
        this.buffers = buffers;
        this.home = home;
        this.opening = opening;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        Http1Pool.Opening promise = opening;
        opening = null;
        promise.succeeded(this);
    }

    /**
     * Sends a request and reports its answer to the listener.
     *
     * @param head          the request head ({@link RequestHead})
     * @param buffered      the whole body, or null (none, or streamed from {@code streamed})
     * @param streamed      the client's body to stream, or null
     * @param chunked       whether the streamed body goes out with chunked framing
     * @param isHeadRequest a HEAD request's answer has no body whatever its headers say
     */
    void send(Listener l, ByteBuffer head, ByteBuffer buffered, Content.Source streamed, boolean chunked,
              boolean isHeadRequest) {
        exchanges++;
        responseHeaders = HttpFields.build();
        status = 0;
        interim = false;
        complete = false;
        closeAfter = false;
        request.set(SENDING);
        lastContent = null;
        headRequest = isHeadRequest;
        parser.reset();
        parser.setHeadResponse(isHeadRequest);
        consume.set(IDLE);
        listener.set(l);
        if (streamed != null) {
            body = new BodyPump(l, streamed, chunked);
            getEndPoint().write(body.headWritten, head);
        } else if (buffered != null && buffered.hasRemaining()) {
            getEndPoint().write(headWritten, head, buffered);
        } else {
            getEndPoint().write(headWritten, head);
        }
        tryFillInterested(fillable);
    }

    /** Drops the exchange without telling its listener (it asked) and closes the connection. */
    void abort() {
        listener.set(null);
        close();
    }

    /** Whether this connection served an exchange before the current one. */
    boolean reused() {
        return exchanges > 1;
    }

    @Override
    public void onFillable() {
        process();
    }

    private void process() {
        while (true) {
            Listener l = listener.get();
            if (l == null) {
                checkIdle();
                return;
            }
            // parse first even without new bytes: the parser may owe messageComplete for what it already read
            boolean stopped;
            try {
                stopped = parser.parseNext(input == null ? BufferUtil.EMPTY_BUFFER : input.getByteBuffer());
            } catch (RuntimeException | AssertionError e) {
                parseFailed(e);
                return;
            }
            if (listener.get() != l) {
                return; // failed or abandoned while parsing
            }
            if (complete) {
                finish();
                return;
            }
            if (interim) {
                interim = false;
                parser.reset();
                parser.setHeadResponse(headRequest);
                responseHeaders = HttpFields.build();
                continue;
            }
            if (stopped) {
                if (consume.get() == WAITING && consume.compareAndSet(WAITING, PARKED)) {
                    return; // the consumed callback resumes
                }
                consume.set(IDLE);
                continue;
            }
            if (input != null && input.hasRemaining()) {
                // the parser wants no more of these bytes (it finished or gave up): nothing sensible follows
                fail(new IOException("the backend sent bytes the answer does not account for"));
                return;
            }
            if (input == null) {
                input = buffers.acquire(getInputBufferSize(), false);
            }
            int filled;
            try {
                filled = getEndPoint().fill(input.getByteBuffer());
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (filled < 0) {
                parser.atEOF();
                try {
                    parser.parseNext(BufferUtil.EMPTY_BUFFER);
                } catch (RuntimeException | AssertionError e) {
                    parseFailed(e);
                    return;
                }
                if (complete) {
                    closeAfter = true;
                    finish();
                } else {
                    fail(new EOFException("the backend closed the connection before the answer was complete"));
                }
                return;
            }
            if (filled == 0) {
                releaseInput();
                tryFillInterested(fillable);
                return;
            }
        }
    }

    /** An idle pooled connection became readable: the backend closed it or sent bytes nobody asked for. */
    private void checkIdle() {
        if (!getEndPoint().isOpen()) {
            return;
        }
        ByteBuffer probe = BufferUtil.allocate(1);
        try {
            if (getEndPoint().fill(probe) != 0) {
                close();
                return;
            }
        } catch (IOException e) {
            close();
            return;
        }
        tryFillInterested(fillable);
    }

    private void finish() {
        Listener l = listener.getAndSet(null);
        if (l == null) {
            return;
        }
        ByteBuffer last = lastContent;
        lastContent = null;
        RetainableByteBuffer held = null;
        boolean leftover;
        if (last != null) {
            // the last piece still points into the read buffer: it goes with the answer, the connection gets a new one
            held = input;
            input = null;
            leftover = held.hasRemaining();
        } else {
            leftover = input != null && input.hasRemaining();
            releaseInput();
        }
        // back to the pool before the client sees the end, so that its next request finds the connection
        if (closeAfter || leftover || !getEndPoint().isOpen()) {
            close();
        } else if (!request.compareAndSet(SENDING, ANSWERED)) {
            reuse();
        } // else the request's last write has yet to report back: requestWritten or requestFailed decides

        l.onResponseComplete(last, held == null ? NOTHING : held::release);
    }

    private void reuse() {
        tryFillInterested(fillable);
        home.release(this);
    }

    /** Back to the pool unused (the exchange it was found for ended before sending anything). */
    void giveBack() {
        reuse();
    }

    /** The request's last byte is written. */
    private void requestWritten() {
        if (request.getAndSet(SENT) == ANSWERED) {
            reuse();
        }
    }

    private void requestFailed(Throwable failure) {
        if (request.getAndSet(SENT) == ANSWERED) {
            close();
        } else {
            fail(failure);
        }
    }

    private void fail(Throwable failure) {
        Listener l = listener.getAndSet(null);
        close();
        if (l != null) {
            l.onFailure(failure, reused() && status == 0);
        }
    }

    /**
     * The parser threw instead of reporting a bad message. Jetty's response parser builds its "header too large"
     * and "bad response" failures with the answer's status as the error code, which its own assertion rejects
     * for a 2xx status: with assertions on, an AssertionError escaped and left the exchange hanging. Whatever
     * escapes fails the exchange (the listener's own failures too).
     */
    private void parseFailed(Throwable thrown) {
        fail(new IOException(malformedReason(thrown.toString()), thrown));
    }

    private String malformedReason(String detail) {
        if (parser.getHeaderLength() > MAX_RESPONSE_HEAD_BYTES) {
            return "the backend's answer head is larger than " + MAX_RESPONSE_HEAD_BYTES + " bytes";
        }
        return "the backend's answer is malformed: " + detail;
    }

    private void releaseInput() {
        if (input != null && !input.hasRemaining()) {
            input.release();
            input = null;
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        home.remove(this);
        Listener l = listener.getAndSet(null);
        if (l != null) {
            l.onFailure(cause != null ? cause : new EOFException("the connection to the backend was closed"),
                    reused() && status == 0);
        }
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        fail(timeout);
        return true;
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        fail(cause);
    }

    // HttpParser.ResponseHandler: called on the thread that parses, within process()

    @Override
    public void startResponse(HttpVersion version, int code, String reason) {
        status = code;
        if (version != HttpVersion.HTTP_1_1) {
            closeAfter = true; // HTTP/1.0 keep-alive is not worth supporting here
        }
    }

    @Override
    public void parsedHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.CONNECTION && field.contains(HttpHeaderValue.CLOSE.asString())) {
            closeAfter = true;
        }
        responseHeaders.add(field);
    }

    @Override
    public boolean headerComplete() {
        if (status >= 100 && status < 200) {
            if (status == 101) {
                fail(new IOException("the backend switched protocols on a plain request"));
            } else {
                interim = true; // 100 Continue, 102, 103: the final answer follows
            }
            return false;
        }
        Listener l = listener.get();
        if (l != null && !l.onResponseHead(status, responseHeaders)) {
            abort();
        }
        // false: an answer without a body must go on to messageComplete in the same parse
        return false;
    }

    @Override
    public boolean content(ByteBuffer content) {
        Listener l = listener.get();
        if (l == null) {
            return true;
        }
        if (!parser.isChunking() && parser.getContentLength() >= 0
                && parser.getContentRead() >= parser.getContentLength()) {
            lastContent = content; // the parser calls messageComplete next, in this same parse
            return false;
        }
        consume.set(WAITING);
        l.onResponseContent(content, consumed);
        return true;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        if (!interim) {
            complete = true;
        }
        return true;
    }

    @Override
    public void earlyEOF() {
        fail(new EOFException("the backend closed the connection before the answer was complete"));
    }

    @Override
    public void badMessage(HttpException failure) {
        fail(new IOException(malformedReason(failure.getReason())));
    }

    private final class ConsumedCallback implements Callback {
        @Override
        public void succeeded() {
            if (consume.getAndSet(DONE) == PARKED) {
                consume.set(IDLE);
                process();
            }
        }

        @Override
        public void failed(Throwable cause) {
            abort();
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    private final class HeadWritten implements Callback {
        @Override
        public void succeeded() {
            requestWritten();
        }

        @Override
        public void failed(Throwable cause) {
            requestFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    /** Streams the client's body upstream, one chunk in flight at a time, reading on demand. */
    private final class BodyPump extends IteratingCallback {
        private static final ByteBuffer CRLF = ByteBuffer.wrap("\r\n".getBytes(StandardCharsets.US_ASCII));
        private static final ByteBuffer LAST_CHUNK = ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        private final Listener owner;
        private final Content.Source source;
        private final boolean chunked;
        private final Runnable onDemand = Invocable.from(InvocationType.NON_BLOCKING, this::iterate);
        private Content.Chunk current;
        private boolean last;

        final Callback headWritten = new Callback() {
            @Override
            public void succeeded() {
                iterate();
            }

            @Override
            public void failed(Throwable cause) {
                requestFailed(cause);
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        };

        BodyPump(Listener owner, Content.Source source, boolean chunked) {
            this.owner = owner;
            this.source = source;
            this.chunked = chunked;
        }

        @Override
        protected Action process() throws Throwable {
            if (current != null) {
                current.release();
                current = null;
            }
            if (last) {
                return Action.SUCCEEDED;
            }
            if (listener.get() != owner) {
                // the exchange ended (an early answer, or aborted): the rest of the body cannot follow
                throw new IOException("the exchange ended before the request body was sent");
            }
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(onDemand);
                return Action.IDLE;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw chunk.getFailure();
            }
            current = chunk;
            last = chunk.isLast();
            ByteBuffer data = chunk.getByteBuffer();
            if (!chunked) {
                if (!data.hasRemaining()) {
                    succeeded();
                    return Action.SCHEDULED;
                }
                getEndPoint().write(this, data);
            } else if (data.hasRemaining()) {
                ByteBuffer size = ByteBuffer.wrap((Integer.toHexString(data.remaining()) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (last) {
                    getEndPoint().write(this, size, data, CRLF.slice(), LAST_CHUNK.slice());
                } else {
                    getEndPoint().write(this, size, data, CRLF.slice());
                }
            } else if (last) {
                getEndPoint().write(this, LAST_CHUNK.slice());
            } else {
                succeeded();
            }
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            requestWritten();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            if (current != null) {
                current.release();
                current = null;
            }
            requestFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
