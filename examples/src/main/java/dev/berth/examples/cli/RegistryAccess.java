package dev.berth.examples.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What every command that talks to a registry shares: the credential options
 * ({@code --username U --password-stdin}, else the credential chain),
 * {@code --insecure}, and turning arguments into references and clients.
 */
final class RegistryAccess {
    /** Options that take a value. */
    static final Set<String> VALUE_OPTIONS = Set.of("username");
    /** Switches. */
    static final Set<String> FLAG_OPTIONS = Set.of("password-stdin", "insecure");
    /** For synopses. */
    static final String SYNOPSIS = "[--username U --password-stdin] [--insecure]";

    private final InputStream stdin;
    private String password;

    RegistryAccess(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * @return what {@code work} made of a client for {@code registry}, configured from the command line and
     *         closed afterwards
     */
    <T> T using(CommandLine line, String registry, java.util.function.Function<RegistryClient, T> work) {
        try (RegistryClient client = client(line, registry)) {
            return work.apply(client);
        }
    }

    /** @return a client for {@code registry} configured from the command line; the caller closes it */
    RegistryClient client(CommandLine line, String registry) {
        return RegistryClient.builder(registry).credentials(credentials(line, registry)).insecure(line.flag("insecure"))
                .userAgent("berth-cli").build();
    }

    /** @return the credentials the command line names, else the default chain */
    CredentialProvider credentials(CommandLine line, String registry) {
        Optional<String> user = line.value("username");
        if (line.flag("password-stdin") && user.isEmpty()) {
            throw new UsageException("--password-stdin needs --username");
        }
        if (user.isEmpty()) {
            return CredentialProviders.defaults();
        }
        if (!line.flag("password-stdin")) {
            throw new UsageException("--username needs --password-stdin (passwords are never taken as arguments)");
        }
        return CredentialProviders.of(registry, Credential.basic(user.get(), password()));
    }

    // Read once: a command talking to two registries (copy) uses the same password for both.
    private String password() {
        if (password == null) {
            try {
                password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new OciException("cannot read the password from stdin: " + e.getMessage(), e);
            }
            if (password == null || password.isEmpty()) {
                throw new UsageException("--password-stdin: no password on stdin");
            }
        }
        return password;
    }

    /** @return the reference, or a usage error naming what is wrong with it */
    static Reference reference(String text) {
        try {
            return Reference.parse(text);
        } catch (OciException e) {
            throw new UsageException("\"" + text + "\" is not a reference [registry/]repository[:tag][@digest]: " + e.getMessage());
        }
    }

    /** @return host[:port] from "host[:port]" or a URL */
    static String registry(String text) {
        String r = text.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        try {
            return Reference.parse(r + "/probe").registry();
        } catch (OciException e) {
            throw new UsageException("REGISTRY must be host[:port], e.g. localhost:5000, not \"" + text + "\"");
        }
    }
}
