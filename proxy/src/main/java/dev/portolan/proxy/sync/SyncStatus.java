package dev.portolan.proxy.sync;

/**
 * The state of a remote source.
 *
 * @param lastGoodVersion version of the last config the sink accepted, null before the first
 * @param lastError       the latest failure, null once a request succeeds
 * @param consecutiveFailures failed polls since the last success
 */
public record SyncStatus(String lastGoodVersion, String lastError, int consecutiveFailures) {
}
