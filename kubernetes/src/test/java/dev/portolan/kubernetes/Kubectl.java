package dev.portolan.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kubectl the tests build kustomizations with: {@code -Dportolan.kubectl=PATH} if given, else the first
 * {@code kubectl} on the PATH ({@code ./portolan test} installs Debian's kubernetes-client when there is none).
 */
final class Kubectl {
    static final String PROPERTY = "portolan.kubectl";
    /** Set by {@code ./portolan test} after it installed what the tests need: a missing kubectl is then a failure. */
    static final String TOOLS_INSTALLED_ENV = "PORTOLAN_TEST_TOOLS";
    private static final Duration BUILD_LIMIT = Duration.ofSeconds(60);

    /** What {@code kubectl kustomize DIR} printed and how it ended. */
    record Build(int exitCode, String stdout, String stderr) {
    }

    private Kubectl() {
    }

    static Optional<Path> find() {
        String given = System.getProperty(PROPERTY, "");
        if (!given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(Path.of(dir, "kubectl"));
            }
        }
        return Optional.empty();
    }

    static boolean runByTheTestCommand() {
        return !System.getenv().getOrDefault(TOOLS_INSTALLED_ENV, "").isEmpty();
    }

    static Build kustomize(Path kubectl, Path folder) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(kubectl + " kustomize " + folder + " did not end within " + BUILD_LIMIT);
            }
            return new Build(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String version(Path kubectl) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client").redirectErrorStream(true).start();
            String text = read(process.getInputStream());
            process.waitFor(BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "unknown version (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown version";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
