package dev.berth.examples.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman as a registry client, with its image store in a directory of the test's own (vfs, so it
 * needs no kernel overlay support); each call's process ends before it returns.
 */
record Podman(Path root) {
    static final Path BINARY = Path.of("/usr/bin/podman");

    /** @return whether podman is installed ({@code .ci/run} installs it) */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Runs {@code podman ARGS...} on this store; fails with podman's output if it exits non-zero. */
    String run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    /** Runs {@code podman ARGS... < stdin} (a password for --password-stdin, say); stdin null for none. */
    String runWithInput(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--root", root.resolve("root").toString(),
                "--runroot", root.resolve("run").toString(), "--storage-driver", "vfs"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path auth = root.resolve("auth.json");
        if (!Files.exists(auth)) {
            Files.createDirectories(root);
            Files.writeString(auth, "{\"auths\":{}}");
        }
        builder.environment().put("REGISTRY_AUTH_FILE", auth.toString()); // never the user's logins
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("podman timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("podman failed (" + p.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }
}
