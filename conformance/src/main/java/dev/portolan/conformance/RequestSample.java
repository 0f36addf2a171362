package dev.portolan.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends a sample of requests, {@code concurrency} at a time, and keeps every answer or failure in order. */
final class RequestSample {
    /** One request's answer, or why there is none. */
    record Answer(GatewayRequest request, CapturedResponse response, String failure) {
    }

    private RequestSample() {
    }

    static List<Answer> send(GatewayClient client, List<GatewayRequest> requests, int concurrency) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (GatewayRequest request : requests) {
                pending.add(pool.submit(() -> {
                    try {
                        return new Answer(request, client.send(request), null);
                    } catch (IOException e) {
                        return new Answer(request, null, "request " + request.method() + " " + request.path()
                                + " failed: " + e.getMessage());
                    }
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending the sample", e);
        } catch (ExecutionException e) {
            throw new AssertionError("sending the sample failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code path} with {@code name=value} appended to its query. */
    static String withQueryParameter(String path, String name, String value) {
        return path + (path.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
