package dev.berth.examples.cli;

import dev.berth.model.OciException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the command line, runs one command and maps the outcome to an exit
 * status: 0 success; 1 failure, with one line on stderr naming what failed
 * and why; 2 usage error.
 */
public final class Cli {
    /** Exit status of a successful command. */
    public static final int OK = 0;
    /** Exit status when the work failed. */
    public static final int FAILED = 1;
    /** Exit status when the command line is wrong. */
    public static final int USAGE = 2;

    private static final Set<String> GLOBAL_FLAGS = Set.of("json", "quiet", "help");

    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param out where results go
     * @param err where errors and progress go
     */
    public Cli(PrintStream out, PrintStream err) {
        this(java.io.InputStream.nullInputStream(), out, err);
    }

    /**
     * @param in  where secrets given with {@code --password-stdin} are read from
     * @param out where results go
     * @param err where errors and progress go
     */
    public Cli(java.io.InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, Terminal.NONE);
    }

    /**
     * @param in       where secrets given with {@code --password-stdin} are read from
     * @param out      where results go
     * @param err      where errors and progress go
     * @param terminal whether {@code err} is a terminal, where progress is drawn
     */
    Cli(java.io.InputStream in, PrintStream out, PrintStream err, Terminal terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        register(new DemoCommand());
        RegistryAccess access = new RegistryAccess(in);
        register(new PingCommand(access));
        register(new CatalogCommand(access));
        register(new TagsCommand(access));
        register(new DigestCommand(access));
        register(new ManifestCommand(access));
        register(new ConfigCommand(access));
        register(new BlobGetCommand(access));
        register(new BlobPutCommand(access));
        register(new ReferrersCommand(access));
        register(new InspectCommand(access));
        register(new CopyCommand(access));
        register(new DeleteCommand(access));
        register(new RegistriesAddCommand(in));
        register(new RegistriesListCommand());
        register(new RegistriesRemoveCommand());
        register(new RegistriesTestCommand());
        register(new SearchCommand());
        register(new ServeCommand());
        register(new GcCommand());
        register(new KindConfigCommand());
        register(new EventsListenCommand());
        register(new EventsListCommand());
        register(new UiCommand());
        register(new HelpCommand(this));
    }

    private void register(Command command) {
        commands.put(command.name(), command);
    }

    /** @return the commands, in help order */
    List<Command> commands() {
        return List.copyOf(commands.values());
    }

    /** @return the command of that name (one or two words), or null */
    Command command(String name) {
        return commands.get(name);
    }

    /**
     * @param args the full command line
     * @return the exit status
     */
    public int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty() || rest.get(0).equals("-h") || rest.get(0).equals("--help")) {
            rest = new ArrayList<>(List.of("help"));
        }
        String name = rest.remove(0);
        // Commands may be two words, e.g. "events listen".
        if (!rest.isEmpty() && commands.containsKey(name + " " + rest.get(0))) {
            name = name + " " + rest.remove(0);
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("berth: unknown command \"" + name + "\"; run 'berth help' for the list");
            return USAGE;
        }
        CommandLine line;
        try {
            Set<String> flags = new HashSet<>(command.flagOptions());
            flags.addAll(GLOBAL_FLAGS);
            line = CommandLine.parse(rest, command.valueOptions(), flags);
        } catch (UsageException e) {
            err.println("berth " + name + ": " + e.getMessage() + "\nusage: berth " + command.synopsis());
            return USAGE;
        }
        boolean drawProgress = terminal.stderrIsTerminal() && !line.flag("quiet") && !line.flag("json");
        Output output = new Output(out, line.flag("json"),
                drawProgress ? Progress.drawnOn(err, terminal.columns()) : Progress.silent());
        if (line.flag("help")) {
            CommandHelp.print(command, output);
            output.finish();
            return OK;
        }
        try {
            command.run(line, output);
            output.finish();
            return OK;
        } catch (UsageException e) {
            err.println("berth " + name + ": " + e.getMessage() + "\nusage: berth " + command.synopsis());
            return USAGE;
        } catch (OciException e) {
            out.flush();
            err.println("berth " + name + ": " + e.getMessage());
            return FAILED;
        }
    }
}
