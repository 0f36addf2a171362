package dev.portolan.proxy.listen;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link ProxyServer#apply} did. The config is live even when some sockets failed to open (e.g. port in
 * use); those ports answer nothing until a later apply opens them.
 *
 * @param openFailures    socket to the reason it could not be opened; empty when all is well
 * @param refusedGateways Gateway "namespace/name" to why the proxy cannot serve it; each keeps its previous config
 */
public record ApplyResult(String version, SortedMap<SocketKey, String> openFailures,
                          SortedMap<String, String> refusedGateways) {
    public ApplyResult {
        refusedGateways = Collections.unmodifiableSortedMap(new TreeMap<>(refusedGateways));
    }

    public ApplyResult(String version, SortedMap<SocketKey, String> openFailures) {
        this(version, openFailures, new TreeMap<>());
    }

    public boolean ok() {
        return openFailures.isEmpty() && refusedGateways.isEmpty();
    }
}
