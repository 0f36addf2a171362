package dev.portolan.api.access;

import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens the API accepts: the write token (an editor token, configured or generated at start and printed so
 * that the person who started Portolan has it) and those of the tokens file, which is read again whenever its
 * modification time, size or identity changes (checked on use: edits and Kubernetes Secret updates apply without
 * a restart). Tokens are kept as SHA-256 digests and compared in constant time. Created with the application
 * ({@code @Context}), so a generated token is logged at start, not at the first request.
 */
@Context
public class ApiTokens {
    /** The name writes with the write token are recorded under. */
    public static final String WRITE_TOKEN_NAME = "write-token";
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    private final TokenEntry writeToken;
    private final Path tokensFile;
    private volatile FileState fileState = new FileState(null, List.of());

    /** What was read from the tokens file, and the file attributes it was read with (null: not read yet). */
    private record FileState(Object stamp, List<TokenEntry> tokens) {
    }

    public ApiTokens(ApiAccessSettings settings) {
        String token = settings.getWriteToken();
        if (token.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            LOG.info("API write token (generated at start; set portolan.api.write-token to choose one): {}", token);
        }
        this.writeToken = TokenEntry.of(WRITE_TOKEN_NAME, Role.EDITOR, token.strip());
        this.tokensFile = settings.getTokensFile().isBlank() ? null : Path.of(settings.getTokensFile());
        if (tokensFile != null) {
            refresh();
            LOG.info("API tokens file {}: {} token(s)", tokensFile, fileState.tokens().size());
        }
    }

    /** The principal a bearer token stands for, if it is a known token. */
    public Optional<Principal> authenticate(String token) {
        byte[] offered = TokenEntry.sha256(token);
        TokenEntry match = null;
        // every entry is compared, so the time taken does not tell which one (or whether one) matched
        for (TokenEntry entry : all()) {
            if (MessageDigest.isEqual(offered, entry.digest()) && match == null) {
                match = entry;
            }
        }
        return Optional.ofNullable(match).map(entry -> new Principal(entry.name(), entry.role()));
    }

    private List<TokenEntry> all() {
        if (tokensFile == null) {
            return List.of(writeToken);
        }
        refresh();
        List<TokenEntry> all = new ArrayList<>(fileState.tokens());
        all.add(writeToken);
        return all;
    }

    private synchronized void refresh() {
        Object stamp;
        try {
            BasicFileAttributes attributes = Files.readAttributes(tokensFile, BasicFileAttributes.class);
            stamp = List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.toString(attributes.fileKey()));
        } catch (NoSuchFileException e) {
            stamp = "missing";
        } catch (IOException e) {
            LOG.warn("API tokens file {} cannot be read ({}); keeping its last good tokens", tokensFile, e.toString());
            return;
        }
        if (stamp.equals(fileState.stamp())) {
            return;
        }
        if (stamp.equals("missing")) {
            // deleting the file revokes its tokens
            LOG.warn("API tokens file {} does not exist: only the write token is accepted", tokensFile);
            fileState = new FileState(stamp, List.of());
            return;
        }
        try {
            TokensFile.Parsed parsed = TokensFile.parse(Files.readString(tokensFile));
            parsed.problems().forEach(problem -> LOG.warn("API tokens file {}: {} (line ignored)", tokensFile,
                    problem));
            if (fileState.stamp() != null) {
                LOG.info("API tokens file {} changed: {} token(s)", tokensFile, parsed.tokens().size());
            }
            fileState = new FileState(stamp, parsed.tokens());
        } catch (IOException e) {
            LOG.warn("API tokens file {} cannot be read ({}); keeping its last good tokens", tokensFile, e.toString());
        }
    }
}
