package dev.portolan.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one echo instance until the JVM is stopped:
 * {@code java -cp proxy.jar dev.portolan.echo.EchoMain --http-port 9080 --pod echo-1 --namespace default}.
 * Flags: --pod, --namespace, --service, --host, --http-port, --h2c-port, --https-port, --tls-cert (PEM file),
 * --tls-key (PEM file), --client-ca (PEM file), --no-websocket. Pod and namespace default to the POD_NAME and
 * NAMESPACE environment variables, as in the upstream image.
 */
public final class EchoMain {

    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("--pod", "--namespace", "--service",
            "--host", "--http-port", "--h2c-port", "--https-port", "--tls-cert", "--tls-key", "--client-ca");

    private EchoMain() {
    }

    public static void main(String[] args) throws Exception {
        EchoOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("echo: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        EchoServer server = EchoServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("echo: stop failed: " + e.getMessage());
            }
        }, "echo-shutdown"));
        StringBuilder ports = new StringBuilder("http " + server.httpPort());
        server.h2cPort().ifPresent(p -> ports.append(", h2c ").append(p));
        server.httpsPort().ifPresent(p -> ports.append(", https ").append(p));
        System.out.println("echo pod " + options.podName() + " (namespace " + options.namespace() + ") listening on "
                + options.host() + ": " + ports);
        new CountDownLatch(1).await();
    }

    /** Pure flag parsing (no I/O except reading the named PEM files). */
    static EchoOptions parse(String[] args) {
        String pod = System.getenv().getOrDefault("POD_NAME", "echo");
        String namespace = System.getenv().getOrDefault("NAMESPACE", "default");
        String service = "";
        String host = "127.0.0.1";
        int httpPort = 3000;
        Integer h2cPort = null;
        Integer httpsPort = null;
        String cert = null;
        String key = null;
        String clientCa = null;
        boolean webSocket = true;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-websocket")) {
                webSocket = false;
                continue;
            }
            if (!VALUE_FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown flag " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--pod" -> pod = value;
                case "--namespace" -> namespace = value;
                case "--service" -> service = value;
                case "--host" -> host = value;
                case "--http-port" -> httpPort = port(flag, value);
                case "--h2c-port" -> h2cPort = port(flag, value);
                case "--https-port" -> httpsPort = port(flag, value);
                case "--tls-cert" -> cert = readFile(flag, value);
                case "--tls-key" -> key = readFile(flag, value);
                case "--client-ca" -> clientCa = readFile(flag, value);
                default -> throw new IllegalStateException("flag " + flag + " is listed but not handled");
            }
        }
        return new EchoOptions(pod, namespace, service, host, httpPort, h2cPort, httpsPort, cert, key, clientCa,
                null, webSocket, EchoOptions.DEFAULT_RECORD_LIMIT);
    }

    private static int port(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("flag " + flag + ": \"" + value + "\" is not a port number");
        }
    }

    private static String readFile(String flag, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("flag " + flag + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    static String usage() {
        return "usage: EchoMain [--pod NAME] [--namespace NS] [--service NAME] [--host ADDR] [--http-port N]"
                + " [--h2c-port N] [--https-port N --tls-cert FILE --tls-key FILE [--client-ca FILE]] [--no-websocket]";
    }
}
