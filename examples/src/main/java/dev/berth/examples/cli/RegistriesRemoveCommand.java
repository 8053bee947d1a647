package dev.berth.examples.cli;

import dev.berth.model.OciException;

/** {@code berth registries remove NAME}: forgets a named registry and its password. */
final class RegistriesRemoveCommand extends RegistrySetCommand {
    @Override
    public String name() {
        return "registries remove";
    }

    @Override
    public String synopsis() {
        return "registries remove NAME [--config DIR]";
    }

    @Override
    public String summary() {
        return "remove a named registry and its stored password";
    }

    @Override
    public void run(CommandLine line, Output output) {
        String name = line.requirePositionals(1, "NAME").get(0);
        if (!open(line).remove(name)) {
            throw new OciException("no registry is named \"" + name + "\"");
        }
        output.say("removed " + name);
    }
}
