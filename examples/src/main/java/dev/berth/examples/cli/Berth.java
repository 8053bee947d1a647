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
        System.exit(new Cli(System.in, System.out, System.err, Terminal.ofThisProcess()).run(args));
    }
}
