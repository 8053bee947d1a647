package dev.berth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialHelperException;
import dev.berth.model.internal.Json;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The {@code docker-credential-<name> get} protocol: the server URL on stdin,
 * {@code {"ServerURL","Username","Secret"}} on stdout. A username of
 * {@code <token>} means the secret is an identity token.
 */
public final class CredentialHelper {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String configuredIn;
    private final List<Path> searchPath;

    /**
     * @param name         the helper's suffix, e.g. {@code desktop}
     * @param configuredIn where it was configured, for error messages
     * @param searchPath   the directories to look for the program in (normally PATH)
     */
    public CredentialHelper(String name, String configuredIn, List<Path> searchPath) {
        if (!NAME.matcher(name).matches()) {
            throw new CredentialHelperException("credential helper name \"" + name + "\" in " + configuredIn
                    + " is not a plain program name");
        }
        this.name = name;
        this.configuredIn = configuredIn;
        this.searchPath = List.copyOf(searchPath);
    }

    /** @return the directories of the PATH environment variable */
    public static List<Path> systemPath() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return dirs;
    }

    /** @return the credential the helper has for {@code serverUrl}, or empty if it has none */
    public Optional<Credential> get(String serverUrl) {
        String program = "docker-credential-" + name;
        Path executable = findOnPath(program).orElseThrow(() -> new CredentialHelperException(program
                + " is not on PATH (configured in " + configuredIn + "); install it or remove it from the configuration"));
        Process p;
        try {
            p = new ProcessBuilder(executable.toString(), "get").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CredentialHelperException(program + " could not be run: " + e.getMessage());
        }
        // Read the answer while the helper runs, so neither side waits on a full pipe.
        java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException helperDidNotRead) {
            // A helper that fails early exits before reading stdin; its exit status and output say why.
        }
        String out;
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new CredentialHelperException(program + " did not answer within " + TIMEOUT.toSeconds() + " s");
            }
            out = new String(output.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new CredentialHelperException(program + " was interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CredentialHelperException(program + " output could not be read");
        }
        if (p.exitValue() != 0) {
            if (out.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            // The helper's own words may be long; its first line says what went wrong.
            throw new CredentialHelperException(program + " failed (exit " + p.exitValue() + "): " + out.lines().findFirst().orElse(""));
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new CredentialHelperException(program + " answered something that is not JSON");
        }
        String username = json.path("Username").asText("");
        String secret = json.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(username.equals("<token>") ? Credential.identityToken(username, secret)
                : Credential.basic(username, secret));
    }

    private Optional<Path> findOnPath(String program) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
