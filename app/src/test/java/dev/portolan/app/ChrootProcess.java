package dev.portolan.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command run in an extracted image root the way a container runtime runs it, as far as the JVM can tell:
 * chrooted (so only the image's files and shared libraries exist), as the image's user, with the image's Env only
 * and a /proc of its own (a private mount and PID namespace, gone when the process ends). The network is the
 * host's, so tests reach its ports on loopback.
 */
final class ChrootProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChrootProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Why chrooted runs are impossible here, or empty when they work: they need root and namespaces. */
    static Optional<String> unavailableBecause() throws IOException, InterruptedException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!Integer.valueOf(0).equals(uid)) {
            return Optional.of("chroot and unshare need root; this test runs as uid " + uid);
        }
        Optional<Path> unshare = tool("unshare");
        Optional<Path> chroot = tool("chroot");
        if (unshare.isEmpty() || chroot.isEmpty()) {
            return Optional.of("unshare or chroot (util-linux, coreutils) is not installed");
        }
        Process probe = new ProcessBuilder(unshare.get().toString(), "--mount", "--pid", "--fork", "true")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (probe.waitFor() != 0) {
            return Optional.of("this machine does not allow new mount and PID namespaces: " + output.strip());
        }
        return Optional.empty();
    }

    /**
     * @param user    the image's User, "uid:gid"
     * @param env     the process environment (nothing of this JVM's is passed on)
     * @param command the image's Entrypoint and Cmd, or what replaces the Cmd
     * @param log     where stdout and stderr go
     */
    static ChrootProcess start(Path root, String user, Map<String, String> env, List<String> command, Path log)
            throws IOException {
        Files.createDirectories(root.resolve("proc"));
        List<String> argv = new ArrayList<>(List.of(required("unshare").toString(), "--mount", "--pid", "--fork",
                "--mount-proc=" + root.resolve("proc"), required("chroot").toString(), "--userspec=" + user,
                root.toString()));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new ChrootProcess(builder.start(), log);
    }

    /** Waits for the exit and returns its code; fails when it takes longer than {@code timeout}. */
    int exitCode(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Kills the chrooted process (PID 1 of its namespace, so everything in it) and the unshare around it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path required(String name) {
        return tool(name).orElseThrow(() -> new IllegalStateException(name + " is not installed"));
    }

    private static Optional<Path> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin:/usr/bin:/bin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
