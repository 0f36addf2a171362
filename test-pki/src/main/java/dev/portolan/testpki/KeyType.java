package dev.portolan.testpki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key algorithm of a generated certificate: RSA 2048 or EC P-256. */
public enum KeyType {
    RSA("SHA256withRSA"),
    EC("SHA256withECDSA");

    private final String signatureAlgorithm;

    KeyType(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The algorithm a key of this type signs certificates with. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    static KeyType of(KeyPair keys) {
        return valueOf(keys.getPrivate().getAlgorithm().replace("ECDSA", "EC"));
    }

    KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(name());
            if (this == RSA) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + name() + " key pair", e);
        }
    }
}
