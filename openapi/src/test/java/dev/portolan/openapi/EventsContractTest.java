package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The event stream's answer is as documented, and each event's data validates against ChangeEventData. */
class EventsContractTest {
    @Test
    void addedAndSnapshotEventsMatchTheDocument() throws Exception {
        try (RunningPortolan portolan = RunningPortolan.start("")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                    URI.create(portolan.baseUri().replaceAll("/$", "") + "/api/v1/events")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            String type = stream.headers().firstValue("Content-Type").orElse("");
            Iterator<String> lines = stream.body().iterator();
            String opening = lines.next(); // the stream opens with a comment line
            assertEquals("", ContractValidator.shared().check("GET", "/api/v1/events", stream.statusCode(), type,
                    (opening + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            portolan.writes().apply("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: evented, namespace: default}
                    spec:
                      parentRefs: [{name: example-gateway}]
                      rules: [{backendRefs: [{name: echo, port: 8080}]}]
                    """, null);
            List<String[]> events = CompletableFuture.supplyAsync(() -> firstEvents(lines))
                    .get(30, TimeUnit.SECONDS);
            stream.body().close();
            List<String> names = new ArrayList<>();
            for (String[] event : events) {
                names.add(event[0]);
                assertEquals("", ContractValidator.shared().checkSchema("ChangeEventData", event[1]),
                        event[0] + " " + event[1]);
            }
            assertTrue(names.contains("added") && names.contains("snapshot"), names.toString());
        }
    }

    /** Reads events (name, data) until both an added and a snapshot event were seen. */
    private static List<String[]> firstEvents(Iterator<String> lines) {
        List<String[]> events = new ArrayList<>();
        String name = null;
        boolean added = false;
        boolean snapshot = false;
        while (lines.hasNext() && !(added && snapshot)) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:") && name != null && !line.substring(5).isBlank()) {
                events.add(new String[] {name, line.substring(5).trim()});
                added |= name.equals("added");
                snapshot |= name.equals("snapshot");
                name = null;
            }
        }
        return events;
    }
}
