package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reused per-thread format writes exactly what {@link AccessLogLine#toJson()} specifies. */
class AccessLogFormatTest {

    private static String reference(Instant time, String gwNs, String gwName, String listener, String routeNs,
                                     String routeName, int rule, String method, String path, int status,
                                     double millis, long bytes, String backend, String id, String address,
                                     int port) {
        return new AccessLogLine(time, gwNs == null ? null : gwNs + "/" + gwName, listener,
                routeNs == null ? null : routeNs + "/" + routeName, rule, method, path, status, millis, bytes,
                backend, id, address + ":" + port).toJson();
    }

    @Test
    void sameLinesAsTheRecordForEveryKindOfTimeAndValue() {
        AccessLogFormat format = new AccessLogFormat();
        Random random = new Random(12);
        String[] texts = {null, "", "plain", "/svc/bench", "a\"b\\c", "line\nbreak", "\u0000\u001f\u007f",
                "\u2028\u2029", "caf\u00e9 \u65e5\u672c", "\ud83d\ude00", "lone \ud800 surrogate", "x/y:z"};
        int[] nanos = {0, 1, 999, 1_000, 5_000, 120_000_000, 123_000_000, 123_456_000, 123_456_789, 999_999_999};
        for (int i = 0; i < 5_000; i++) {
            // seconds cycle so that the cached second text is both reused and replaced
            long second = 1_767_000_000L + random.nextInt(3) + (i % 97 == 0 ? random.nextInt(1_000_000_000) : 0);
            Instant time = Instant.ofEpochSecond(second, nanos[random.nextInt(nanos.length)]);
            String gwNs = pick(random, texts);
            String routeNs = pick(random, texts);
            String listener = pick(random, texts);
            String path = pick(random, texts);
            String backend = pick(random, texts);
            int rule = random.nextInt(5) - 1;
            double millis = random.nextDouble() * (random.nextBoolean() ? 1 : 100_000);
            long bytes = random.nextInt(1 << 20);
            String gwName = nonNull(random, texts);
            String routeName = nonNull(random, texts);
            String method = nonNull(random, texts);
            String id = nonNull(random, texts);
            String address = nonNull(random, texts);
            int port = random.nextInt(65536);
            int status = 100 + random.nextInt(500);
            String expected = reference(time, gwNs, gwName, listener, routeNs, routeName, rule, method, path,
                    status, millis, bytes, backend, id, address, port);
            String actual = format.line(time.getEpochSecond(), time.getNano(), gwNs, gwName, listener, routeNs,
                    routeName, rule, method, path, status, millis, bytes, backend, id, address, port).toString();
            assertEquals(expected, actual, "line " + i);
        }
    }

    @Test
    void timesPrintAsInstantToStringPrintsThem() {
        AccessLogFormat format = new AccessLogFormat();
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2026-12-07T04:56:12Z", "2026-12-07T04:56:12.100Z",
                "2026-12-07T04:56:12.000100Z", "2026-12-07T04:56:12.000000001Z", "9999-12-31T23:59:59.999999999Z",
                "2026-12-07T04:56:13.5Z"}) {
            Instant time = Instant.parse(text);
            String line = format.line(time.getEpochSecond(), time.getNano(), null, null, null, null, null, -1,
                    "GET", "/", 200, 1, 0, null, null, "127.0.0.1", 1).toString();
            assertEquals("{\"time\":\"" + time + "\"", line.substring(0, line.indexOf(",")));
        }
    }

    @Test
    void anUnknownClientAddressPrintsAsBefore() {
        Instant time = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(reference(time, "ns", "gw", null, null, null, -1, "GET", "/", 200, 1, 0, null, "id", null, 0),
                new AccessLogFormat().line(time.getEpochSecond(), time.getNano(), "ns", "gw", null, null, null, -1,
                        "GET", "/", 200, 1, 0, null, "id", null, 0).toString());
    }

    private static String pick(Random random, String[] texts) {
        return texts[random.nextInt(texts.length)];
    }

    private static String nonNull(Random random, String[] texts) {
        String text = pick(random, texts);
        return text == null ? "value" : text;
    }
}
