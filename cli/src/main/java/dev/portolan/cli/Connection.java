package dev.portolan.cli;

import dev.portolan.client.invoker.ApiClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Portolan answers and the token to send: flags first, then PORTOLAN_SERVER / PORTOLAN_TOKEN. */
final class Connection {
    static final String DEFAULT_SERVER = "http://localhost:8080";
    static final String SERVER_VARIABLE = "PORTOLAN_SERVER";
    static final String TOKEN_VARIABLE = "PORTOLAN_TOKEN";

    @Option(names = "--server", paramLabel = "URL",
            description = "Portolan's address (default: $PORTOLAN_SERVER, else " + DEFAULT_SERVER + ")")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token sent as Authorization: Bearer (default: $PORTOLAN_TOKEN); writes and "
                    + "analyze need an editor token, reads one only away from loopback")
    String token;

    /** The address to use, checked: an absolute http or https URL without query or fragment. */
    String server(Map<String, String> env) {
        String chosen = server != null ? server : env.getOrDefault(SERVER_VARIABLE, DEFAULT_SERVER);
        String origin = server != null ? "--server" : env.containsKey(SERVER_VARIABLE) ? SERVER_VARIABLE : "default";
        try {
            URI uri = new URI(chosen.strip());
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new CliFailure(Exit.USAGE, origin + " must be an http:// or https:// address such as "
                        + DEFAULT_SERVER + ", not \"" + Failures.printable(chosen) + "\"");
            }
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            throw new CliFailure(Exit.USAGE, origin + " is not a URL: \"" + Failures.printable(chosen) + "\"");
        }
    }

    ApiClient client(Map<String, String> env) {
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)),
                ApiClient.createDefaultObjectMapper(), server(env));
        client.setReadTimeout(Duration.ofSeconds(60));
        String bearer = token != null ? token : env.get(TOKEN_VARIABLE);
        if (bearer != null && !bearer.isBlank()) {
            if (!bearer.strip().matches("[\\x21-\\x7e]+")) {
                throw new CliFailure(Exit.USAGE, "the token must be printable ASCII without spaces");
            }
            String header = "Bearer " + bearer.strip();
            client.setRequestInterceptor(request -> request.header("Authorization", header));
        }
        return client;
    }
}
