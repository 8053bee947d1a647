package dev.berth.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's skopeo as a registry client; its process ends before each call returns. */
public final class Skopeo {
    public static final Path BINARY = Path.of("/usr/bin/skopeo");

    private Skopeo() {
    }

    /** Runs {@code skopeo --insecure-policy ARGS...}; fails with skopeo's output if it exits non-zero. */
    public static String run(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's skopeo package (.ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--insecure-policy"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("skopeo timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("skopeo failed (" + p.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }
}
