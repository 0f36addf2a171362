package dev.portolan.testpki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Extended key usages a test certificate can carry. */
public enum KeyPurpose {
    SERVER_AUTH("serverAuth", KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH("clientAuth", KeyPurposeId.id_kp_clientAuth);

    private final String x509Name;
    private final KeyPurposeId id;

    KeyPurpose(String x509Name, KeyPurposeId id) {
        this.x509Name = x509Name;
        this.id = id;
    }

    /** The purpose with the name X.509 and Go's crypto/x509 use: {@code serverAuth} or {@code clientAuth}. */
    public static KeyPurpose named(String name) {
        for (KeyPurpose purpose : values()) {
            if (purpose.x509Name.equals(name)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("extended key usage '" + name + "' is not supported (expected serverAuth or clientAuth)");
    }

    KeyPurposeId id() {
        return id;
    }
}
