package dev.berth.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Arguments of one command: positionals, {@code --name value} or
 * {@code --name=value} options, and {@code --flag} switches. Unknown options
 * are usage errors, so a typo never silently changes what a script does.
 */
public final class CommandLine {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CommandLine() {
    }

    /**
     * @param args         the arguments after the command word
     * @param valueOptions option names (without dashes) that take a value
     * @param flagOptions  option names that are switches
     * @return the parsed line
     * @throws UsageException on an unknown option or a missing value
     */
    public static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        CommandLine line = new CommandLine();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("--") || arg.equals("-")) {
                line.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                line.flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                line.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return line;
    }

    /** @return the positional arguments */
    public List<String> positionals() {
        return positionals;
    }

    /**
     * @param count how many positionals the command takes
     * @param names their names, for the error message
     * @return the positionals
     * @throws UsageException if there are more or fewer
     */
    public List<String> requirePositionals(int count, String names) {
        if (positionals.size() != count) {
            throw new UsageException("expected " + (count == 0 ? "no arguments" : names) + ", got "
                    + (positionals.isEmpty() ? "none" : String.join(" ", positionals)));
        }
        return positionals;
    }

    /** @return whether a switch was given */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** @return the last value of an option, if given */
    public Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** @return every value of a repeatable option */
    public List<String> valuesOf(String name) {
        return values.getOrDefault(name, List.of());
    }
}
