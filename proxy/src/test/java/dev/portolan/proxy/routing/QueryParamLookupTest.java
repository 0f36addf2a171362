package dev.portolan.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-parameter lookup ({@link RouteRequest#firstValue}) answers as parsing the whole query would. */
class QueryParamLookupTest {

    @Test
    void agreesWithTheFullParseOnRandomQueries() {
        List<String> pieces = List.of("v", "w", "v2", "=", "&", "%76", "+", "%2B", "%", "%zz", "1", "a b", "x=y", "");
        List<String> names = List.of("v", "w", "v2", "", " ", "+", "x", "v=");
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder query = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                query.append(pieces.get(random.nextInt(pieces.size())));
            }
            String q = query.toString();
            for (String name : names) {
                assertEquals(RouteRequest.parseQuery(q).get(name), RouteRequest.firstValue(q, name),
                        () -> "query '" + q + "', parameter '" + name + "'");
            }
        }
    }

    @Test
    void firstValueWinsAndEncodedNamesMatch() {
        assertEquals("1", RouteRequest.firstValue("v=1&v=2", "v"));
        assertEquals("a b", RouteRequest.firstValue("x=0&%76=a+b", "v"));
        assertEquals("", RouteRequest.firstValue("v&v=2", "v"));
        assertNull(RouteRequest.firstValue("vv=1&&w=2", "v"));
        assertNull(RouteRequest.firstValue(null, "v"));
    }

    @Test
    void aSecondParameterNameStillFindsItsValue() {
        RouteRequest request = new RouteRequest("h", "GET", "/", null, "a=1&b=2&a=3");
        assertEquals("1", request.queryParam("a"));
        assertEquals("1", request.queryParam("a"));
        assertEquals("2", request.queryParam("b"));
        assertEquals("1", request.queryParam("a"));
        assertNull(request.queryParam("c"));
    }
}
