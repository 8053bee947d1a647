package dev.berth.examples.cli;

import java.util.HashSet;
import java.util.Set;

/** A command that talks to registries: it takes the credential options besides its own. */
abstract class RegistryCommand implements Command {
    protected final RegistryAccess access;

    RegistryCommand(RegistryAccess access) {
        this.access = access;
    }

    /** @return the command's own options that take a value */
    Set<String> ownValueOptions() {
        return Set.of();
    }

    /** @return the command's own switches */
    Set<String> ownFlagOptions() {
        return Set.of();
    }

    @Override
    public final Set<String> valueOptions() {
        Set<String> all = new HashSet<>(ownValueOptions());
        all.addAll(RegistryAccess.VALUE_OPTIONS);
        return all;
    }

    @Override
    public final Set<String> flagOptions() {
        Set<String> all = new HashSet<>(ownFlagOptions());
        all.addAll(RegistryAccess.FLAG_OPTIONS);
        return all;
    }
}
