package dev.portolan.proxy.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A bearer token kept in a file, read anew for every request: Kubernetes rotates projected service-account tokens
 * by replacing the file, so a token read once at start would expire.
 */
public final class TokenFile {
    private final Path path;

    public TokenFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The token, surrounding whitespace removed; throws with a message naming the file and what is wrong. */
    public String read() throws IOException {
        String token;
        try {
            token = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IOException("token file " + path + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("token file " + path + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new IOException("token file " + path + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (token.isEmpty()) {
            throw new IOException("token file " + path + " is empty");
        }
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // a header value cannot carry it; most likely the wrong file
            throw new IOException("token file " + path + " holds whitespace or non-ASCII characters inside the"
                    + " token; expected one bearer token");
        }
        return token;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
