package dev.berth.examples.cli.config;

import dev.berth.model.OciException;
import java.util.List;

/**
 * A configuration file Berth cannot run with: every unknown key and every
 * unusable value in one message, each named by its dotted path
 * ({@code http.tls.letsencrypt}, {@code notifications.endpoints[0].timeout}).
 */
public final class ConfigException extends OciException {
    private final List<String> problems;

    /**
     * @param file     the file, as named on the command line
     * @param problems each problem, starting with the key's path
     */
    public ConfigException(String file, List<String> problems) {
        super(file + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return each problem, starting with the path of the key it is about */
    public List<String> problems() {
        return problems;
    }
}
