package dev.portolan.proxy.forward;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** Copies headers between hops, leaving out the hop-by-hop ones (RFC 9110 7.6.1) and those named in Connection. */
final class HopByHop {

    private static final Set<String> HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "http2-settings");

    private HopByHop() {
    }

    static void copy(HttpFields from, HttpFields.Mutable to) {
        Set<String> named = connectionTokens(from);
        for (HttpField field : from) {
            String name = field.getLowerCaseName();
            if (HEADERS.contains(name) || named.contains(name) || field.getHeader() == HttpHeader.HOST) {
                continue;
            }
            to.add(field);
        }
    }

    private static Set<String> connectionTokens(HttpFields fields) {
        Set<String> tokens = new TreeSet<>();
        for (String value : fields.getValuesList(HttpHeader.CONNECTION)) {
            for (String token : value.split(",")) {
                String trimmed = token.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }
}
