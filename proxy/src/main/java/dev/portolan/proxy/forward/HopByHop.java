package dev.portolan.proxy.forward;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Copies headers between hops, leaving out the hop-by-hop ones (RFC 9110 7.6.1) and those named in Connection.
 * Known names are compared by Jetty's header enum, so that a copy allocates nothing but the copied list.
 */
final class HopByHop {

    private static final Set<HttpHeader> HEADERS = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_AUTHORIZATION,
            HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE,
            HttpHeader.HTTP2_SETTINGS, HttpHeader.HOST);
    private static final List<String> NAMES = HEADERS.stream().map(HttpHeader::asString).toList();

    private HopByHop() {
    }

    static void copy(HttpFields from, HttpFields.Mutable to) {
        List<String> named = connectionTokens(from);
        for (HttpField field : from) {
            if (isHopByHop(field) || !named.isEmpty() && isNamed(field.getName(), named)) {
                continue;
            }
            to.add(field);
        }
    }

    private static boolean isHopByHop(HttpField field) {
        HttpHeader header = field.getHeader();
        if (header != null) {
            return HEADERS.contains(header);
        }
        // a field built without Jetty's lookup: compare its name
        return isNamed(field.getName(), NAMES);
    }

    private static boolean isNamed(String name, List<String> names) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The header names the Connection header lists, lower-cased; empty (and allocation-free) without one. */
    private static List<String> connectionTokens(HttpFields fields) {
        List<String> tokens = List.of();
        for (HttpField field : fields) {
            if (field.getHeader() != HttpHeader.CONNECTION) {
                continue;
            }
            for (String token : field.getValue().split(",")) {
                String trimmed = token.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty() && !trimmed.equals("close") && !trimmed.equals("keep-alive")) {
                    if (tokens.isEmpty()) {
                        tokens = new ArrayList<>();
                    }
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }
}
