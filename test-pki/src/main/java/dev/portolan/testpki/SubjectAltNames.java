package dev.portolan.testpki;

import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** Subject alternative names from plain strings: IP literals, DNS names (wildcards included), else URIs. */
final class SubjectAltNames {
    private SubjectAltNames() {
    }

    static GeneralNames of(List<String> names) {
        return new GeneralNames(names.stream().map(SubjectAltNames::name).toArray(GeneralName[]::new));
    }

    static GeneralName name(String san) {
        if (san.matches("[0-9.]+") || san.contains(":") && !san.contains("/")) {
            return new GeneralName(GeneralName.iPAddress, san);
        }
        if (san.matches("[*A-Za-z0-9.-]+")) {
            return new GeneralName(GeneralName.dNSName, san);
        }
        return new GeneralName(GeneralName.uniformResourceIdentifier, san);
    }
}
