package dev.portolan.proxy.edge;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;

/**
 * One HTTP/2 (h2c prior knowledge) GET with the :path exactly as given: Jetty's HttpClient would normalize it,
 * an attacker's client does not.
 */
final class H2cExchange {
    private H2cExchange() {
    }

    record Answer(int status, String body) {
    }

    static Answer get(int port, String pathAndQuery) throws Exception {
        HTTP2Client client = new HTTP2Client();
        client.start();
        try {
            Session session = client.connect(new InetSocketAddress(EdgeProxy.ADDRESS, port), new Session.Listener() {
            }).get(5, TimeUnit.SECONDS);
            int q = pathAndQuery.indexOf('?');
            HttpURI uri = HttpURI.build().scheme("http").host("edge.example")
                    .path(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                    .query(q < 0 ? null : pathAndQuery.substring(q + 1));
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] status = {0};
            session.newStream(new HeadersFrame(new MetaData.Request("GET", uri, HttpVersion.HTTP_2,
                    HttpFields.EMPTY), null, true), new Stream.Listener() {
                @Override
                public void onHeaders(Stream stream, HeadersFrame frame) {
                    if (frame.getMetaData() instanceof MetaData.Response response) {
                        status[0] = response.getStatus();
                    }
                    if (frame.isEndStream()) {
                        answer.complete(new Answer(status[0], ""));
                    } else {
                        stream.demand();
                    }
                }

                @Override
                public void onDataAvailable(Stream stream) {
                    Stream.Data data = stream.readData();
                    if (data == null) {
                        stream.demand();
                        return;
                    }
                    ByteBuffer bytes = data.frame().getByteBuffer();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.writeBytes(copy);
                    boolean last = data.frame().isEndStream();
                    data.release();
                    if (last) {
                        answer.complete(new Answer(status[0], body.toString(StandardCharsets.UTF_8)));
                    } else {
                        stream.demand();
                    }
                }
            }).get(5, TimeUnit.SECONDS);
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            client.stop();
        }
    }
}
