package dev.portolan.echo;

import java.time.Instant;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Records every request (WebSocket upgrades and refused ones included) before the echo handlers run. */
final class RecordingHandler extends Handler.Wrapper {

    private final RequestRecorder recorder;

    RecordingHandler(RequestRecorder recorder, Handler next) {
        super(next);
        this.recorder = recorder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        recorder.add(new RecordedRequest(Instant.now(), request.getMethod(), RequestViews.rawUri(request),
                RequestViews.host(request), RequestViews.headers(request), RequestViews.protocol(request),
                Request.getLocalPort(request)));
        return super.handle(request, response, callback);
    }
}
