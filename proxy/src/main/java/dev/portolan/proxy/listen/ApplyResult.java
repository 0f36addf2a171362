package dev.portolan.proxy.listen;

import java.util.SortedMap;

/**
 * What {@link ProxyServer#apply} did. The config is live even when some sockets failed to open (e.g. port in
 * use); those ports answer nothing until a later apply opens them.
 *
 * @param openFailures socket to the reason it could not be opened; empty when all is well
 */
public record ApplyResult(String version, SortedMap<SocketKey, String> openFailures) {
    public boolean ok() {
        return openFailures.isEmpty();
    }
}
