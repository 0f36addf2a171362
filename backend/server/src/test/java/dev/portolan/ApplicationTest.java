package dev.portolan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ApplicationTest {
    @Test
    void manifestsFlagIsTheShortFormOfThePortolanProperty() {
        assertArrayEquals(new String[] {"--portolan.manifests=/srv/gw", "--micronaut.server.port=9000"},
                Application.withShortFlags(new String[] {"--manifests=/srv/gw", "--micronaut.server.port=9000"}));
    }
}
