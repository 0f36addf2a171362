package dev.portolan.graph.backendtls;

import dev.portolan.model.ResourceKey;

/**
 * Trusted CA certificates taken from one ConfigMap key.
 *
 * @param configMap        the ConfigMap the certificates come from
 * @param dataKey          the key inside it ({@code ca.crt})
 * @param pem              the PEM text of every certificate, in their original order, blocks separated by newlines
 * @param certificateCount how many certificates {@code pem} holds (at least one)
 */
public record CaCertificateBundle(ResourceKey configMap, String dataKey, String pem, int certificateCount) {
}
