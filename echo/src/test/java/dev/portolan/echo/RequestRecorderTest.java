package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRecorderTest {

    private static RecordedRequest request(String uri) {
        return new RecordedRequest(Instant.EPOCH, "GET", uri, "example.com", Map.of(), "HTTP/1.1", 3000);
    }

    @Test
    void keepsOrderAndCountsByExactUri() {
        RequestRecorder recorder = new RequestRecorder(10);
        recorder.add(request("/a"));
        recorder.add(request("/a?x=1"));
        recorder.add(request("/a"));
        assertEquals(List.of("/a", "/a?x=1", "/a"),
                recorder.snapshot().stream().map(RecordedRequest::pathAndQuery).toList());
        assertEquals(2, recorder.count("/a"));
        assertEquals(1, recorder.count("/a?x=1"));
        assertEquals(0, recorder.count("/b"));
    }

    @Test
    void dropsOldestWhenFull() {
        RequestRecorder recorder = new RequestRecorder(2);
        recorder.add(request("/1"));
        recorder.add(request("/2"));
        recorder.add(request("/3"));
        assertEquals(List.of("/2", "/3"), recorder.snapshot().stream().map(RecordedRequest::pathAndQuery).toList());
        assertEquals(1, recorder.dropped());
        recorder.clear();
        assertEquals(List.of(), recorder.snapshot());
        assertEquals(0, recorder.dropped());
    }

    @Test
    void rejectsZeroCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RequestRecorder(0));
        assertEquals("request recorder capacity must be at least 1, got 0", e.getMessage());
    }
}
