package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensFileTest {
    @Test
    void readsNameRoleAndTokenPerLineSkippingCommentsAndBlanks() {
        TokensFile.Parsed parsed = TokensFile.parse("""
                # who      role    token
                ci-deploy  editor  0123456789abcdef0123

                grafana\tviewer\tfedcba9876543210fedc
                """);
        assertEquals(List.of(), parsed.problems());
        assertEquals(2, parsed.tokens().size());
        assertEquals("ci-deploy", parsed.tokens().get(0).name());
        assertEquals(Role.EDITOR, parsed.tokens().get(0).role());
        assertEquals(Role.VIEWER, parsed.tokens().get(1).role());
        assertTrue(java.util.Arrays.equals(TokenEntry.sha256("fedcba9876543210fedc"), parsed.tokens().get(1).digest()));
    }

    @Test
    void aBadLineIsRefusedAloneNamingItsNumberWithoutEchoingTheToken() {
        TokensFile.Parsed parsed = TokensFile.parse("""
                good editor 0123456789abcdef0123
                admin root 0123456789abcdef0124
                weak viewer short-secret
                two-fields 0123456789abcdef0125
                good viewer 0123456789abcdef0126
                bad/name viewer 0123456789abcdef0127
                """);
        assertEquals(1, parsed.tokens().size());
        assertEquals(List.of(
                "line 2: role 'root' is not viewer or editor",
                "line 3: token must be at least 16 printable ASCII characters",
                "line 4: expected NAME ROLE TOKEN, found 2 field(s)",
                "line 5: name 'good' appears twice",
                "line 6: name 'bad/name' must be 1-63 letters, digits, '.', '_', '@' or '-'"), parsed.problems());
        assertFalse(String.join("\n", parsed.problems()).contains("short-secret"));
    }

    @Test
    void windowsLineEndingsAndAnEmptyFileAreFine() {
        assertEquals(1, TokensFile.parse("a viewer 0123456789abcdef0123\r\n").tokens().size());
        assertEquals(0, TokensFile.parse("").tokens().size());
        assertEquals(0, TokensFile.parse("").problems().size());
    }
}
