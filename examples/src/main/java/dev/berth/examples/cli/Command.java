package dev.berth.examples.cli;

import java.util.List;
import java.util.Set;

/** One {@code berth} command. */
public interface Command {
    /** @return the word that selects the command, e.g. {@code demo} */
    String name();

    /** @return the synopsis shown by {@code berth help}, e.g. {@code demo [--json]} */
    String synopsis();

    /** @return one line on what the command does */
    String summary();

    /** @return the options that take a value (besides the global ones) */
    default Set<String> valueOptions() {
        return Set.of();
    }

    /** @return the options that are switches (besides the global ones) */
    default Set<String> flagOptions() {
        return Set.of();
    }

    /** @return what {@code berth help COMMAND} and {@code --help} say about options the synopsis alone does not explain */
    default List<OptionHelp> optionHelp() {
        return List.of();
    }

    /**
     * One option as help describes it.
     *
     * @param usage       the option as typed, e.g. {@code --cross-mount auto|off}
     * @param description what it does, and its default
     */
    record OptionHelp(String usage, String description) {
    }

    /**
     * Runs the command.
     *
     * @param line   the parsed arguments after the command word
     * @param output where results go, human-readable or JSON
     * @throws UsageException           if the arguments are wrong
     * @throws dev.berth.model.OciException if the work fails
     */
    void run(CommandLine line, Output output);
}
