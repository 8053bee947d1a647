package dev.berth.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./berth} launcher keeps its class-data archive (on JDK 24 and newer its AOT cache) usable when the
 * jars under it or the JDK change, so no start warns {@code Unable to use shared archive}. It runs on a copy of the packaged jars ({@code BERTH_TARGET}),
 * never on {@code target/} itself, which the build may be rewriting.
 */
class LauncherArchiveIT {
    private static final String WARNING = "Unable to use shared archive";

    @TempDir
    Path dir;

    private Path target;
    private Path archive;

    /** What one run of the launcher printed. */
    private record Run(int status, String out, String err) {
    }

    @BeforeEach
    void copyThePackagedJars() throws IOException {
        target = Files.createDirectories(dir.resolve("target"));
        Files.copy(Path.of("target", "berth-examples.jar"), target.resolve("berth-examples.jar"));
        Path lib = Files.createDirectories(target.resolve("lib"));
        try (Stream<Path> jars = Files.list(Path.of("target", "lib"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        archive = target.resolve("berth.jsa");
    }

    private Run help() throws Exception {
        return help(Path.of(System.getProperty("java.home")), "");
    }

    /** Runs {@code ./berth help} on the JDK at {@code javaHome}, with {@code BERTH_JAVA_OPTS}. */
    private Run help(Path javaHome, String javaOptions) throws Exception {
        Path launcher = Path.of("..", "berth").toAbsolutePath().normalize();
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "help").redirectOutput(out).redirectError(err);
        builder.environment().put("BERTH_TARGET", target.toString());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("BERTH_JAVA_OPTS", javaOptions);
        Process p = builder.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) { // making the archive runs the demo once
            p.destroyForcibly().waitFor();
            throw new AssertionError("./berth help did not end");
        }
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private List<Object> identity() throws IOException {
        return identity(archive);
    }

    private static List<Object> identity(Path archive) throws IOException {
        BasicFileAttributes a = Files.readAttributes(archive, BasicFileAttributes.class);
        return java.util.Arrays.asList(a.fileKey(), a.lastModifiedTime());
    }

    private void assertCleanStart(Run run) {
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("usage: berth"), run.out());
        assertFalse(run.err().contains(WARNING), run.err());
        assertEquals("", run.err(), "nothing on stderr");
    }

    @Test
    void anArchiveIsRemadeWhenAJarIsRebuiltOrTheClassPathChanges() throws Exception {
        assertCleanStart(help());
        assertTrue(Files.isRegularFile(archive), "the first start made the archive");
        List<Object> made = identity();

        assertCleanStart(help());
        assertEquals(made, identity(), "an unchanged class path keeps the archive");

        // A Maven run other than the launcher's rebuilt a jar: it is newer than the archive.
        Path rebuilt = target.resolve("lib").resolve(jarNamed("oci-client"));
        Files.setLastModifiedTime(rebuilt, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        assertCleanStart(help());
        assertNotEquals(made, identity(), "a rebuilt jar remakes the archive");
        List<Object> remade = identity();

        // A dependency went away: the class path differs from the archive's.
        Files.delete(target.resolve("lib").resolve(jarNamed("postgresql")));
        assertCleanStart(help());
        assertNotEquals(remade, identity(), "a changed class path remakes the archive");
    }

    @Test
    void onJdk24OrNewerTheLauncherUsesAnAotCacheAndKeepsEachJvmsArchive() throws Exception {
        // The machine's Temurin 25 lives there; without a JDK 24 or newer this path is untested, so it fails.
        Path jdk = newestJdkFrom24().orElseThrow(() -> new AssertionError(
                "no JDK 24 or newer under /usr/lib/jvm: install one (Temurin 25) to test the launcher's AOT cache"));
        Path aot = target.resolve("berth.aot");

        assertCleanStart(help(jdk, ""));
        assertTrue(Files.isRegularFile(aot), "the first start on " + jdk + " made the AOT cache");
        assertFalse(Files.exists(archive), "no class-data archive for JDK 17 was made");
        List<Object> made = identity(aot);
        // AOTMode=on makes the JVM fail instead of starting without the cache.
        assertCleanStart(help(jdk, "-XX:AOTMode=on"));

        // Switching to JDK 17 makes its own archive and leaves the AOT cache alone; switching back reuses it.
        assertCleanStart(help());
        assertTrue(Files.isRegularFile(archive), "JDK 17 made its class-data archive");
        assertCleanStart(help(jdk, "-XX:AOTMode=on"));
        assertEquals(made, identity(aot), "the AOT cache was kept across the switch");
    }

    // The newest JDK of feature version 24 or later that the machine has, read from each JDK's release file.
    private static Optional<Path> newestJdkFrom24() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= 24)
                    .max(Comparator.comparingInt(LauncherArchiveIT::feature));
        }
    }

    private static int feature(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return 0;
        }
        return 0;
    }

    private String jarNamed(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            return jars.map(j -> j.getFileName().toString()).filter(n -> n.startsWith(prefix + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + " jar in the packaged lib"));
        }
    }
}
