package dev.portolan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** One run of the command line in this JVM, as a shell would run it, with its output and exit code. */
record CliRun(int code, String out, String err) {
    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PortolanCli.run(args, env, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Against {@code server} through PORTOLAN_SERVER, as a user who exported it would run it. */
    static CliRun against(String server, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put(Connection.SERVER_VARIABLE, server);
        return run(env, args);
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
