package dev.berth.examples.cli;

/** Entry point of the {@code berth} command-line tool; see {@code ./berth help}. */
public final class Berth {
    private Berth() {
    }

    /**
     * Runs one command and exits with its status: 0 success, 1 failure, 2 usage error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        quietAccessLogUnlessServing(args);
        // The JDK's HTTP server (berth ui, events listen) writes a response's head and body apart; without
        // TCP_NODELAY, a client's delayed ACK holds every answer about 40 ms (bench/ui measured it).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        if (args.length > 0 && args[0].equals("serve")) {
            BufferedStderr.install(); // a line per request: see there
        }
        System.exit(new Cli(System.in, System.out, System.err, Terminal.ofThisProcess()).run(args));
    }

    // The access log is for an operator of `berth serve`; the registry that `demo` or a test command starts
    // in-process keeps its requests to itself (refused credentials and failures still show at WARN).
    // slf4j-simple reads this when the first logger is made, so it is set before anything logs; -D wins.
    private static void quietAccessLogUnlessServing(String[] args) {
        String key = "org.slf4j.simpleLogger.log.dev.berth.server.access";
        if ((args.length == 0 || !args[0].equals("serve")) && System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }
}
