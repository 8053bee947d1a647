package dev.berth.examples.cli;

/** {@code berth help}: lists the commands; {@code berth help COMMAND}: that command's usage and options. */
final class HelpCommand implements Command {
    private final Cli cli;

    HelpCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String synopsis() {
        return "help [COMMAND]";
    }

    @Override
    public String summary() {
        return "list the commands and the options every command accepts; with a command, its usage and options"
                + " (as COMMAND --help)";
    }

    @Override
    public void run(CommandLine line, Output output) {
        if (!line.positionals().isEmpty()) {
            String name = String.join(" ", line.positionals()); // two-word commands: "help events listen"
            Command command = cli.command(name);
            if (command == null) {
                throw new UsageException("unknown command \"" + name + "\"; run 'berth help' for the list");
            }
            CommandHelp.print(command, output);
            return;
        }
        output.say("berth: the command line of the Berth OCI registry SDK\n");
        output.say("usage: berth COMMAND [ARGS] [--json] [--quiet] [--help]\n");
        output.section("commands", "Commands");
        for (Command c : cli.commands()) {
            output.json(c.name(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("usage", "berth " + c.synopsis()).put("summary", c.summary()));
            output.say("  berth " + c.synopsis() + "\n      " + c.summary());
        }
        output.section("conventions", "Conventions");
        output.item("help", "--help", "berth COMMAND --help or berth help COMMAND: the command's usage and options");
        output.item("json", "--json", "one JSON document on stdout instead of text");
        output.item("quiet", "--quiet", "no progress on stderr");
        output.item("exit", "exit status", "0 success, 1 failure (one line on stderr says why), 2 usage error");
        output.item("reference", "references", "[registry/]repository[:tag][@digest]; alpine = docker.io/library/alpine:latest;"
                + " oci:PATH[:TAG] is an OCI image layout, oci-archive:FILE[:REF] and docker-archive:FILE[:REF] tar"
                + " archives (copy)");
        output.item("plainHttp", "plain HTTP", "only to loopback registries, or with --insecure (which also skips TLS checks)");
        output.item("credentials", "credentials", "--username U --password-stdin, else BERTH_REGISTRY_USERNAME/PASSWORD,"
                + " REGISTRY_AUTH_FILE, Docker's config.json and its helpers");
    }
}
