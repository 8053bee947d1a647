package dev.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU time a process has used so far, from Linux's {@code /proc/PID/stat}: where a slow answer spent its time,
 * in the server that answered or in the registry behind it.
 */
final class ProcessCpu {
    // USER_HZ: the unit of /proc/PID/stat's times, 100 on every Linux architecture the JDK runs on.
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** @return user plus system CPU seconds of {@code pid}, or NaN when Linux does not say (gone, not Linux) */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** @return the process whose command line holds {@code program} and {@code argument}, such as a registry's config */
    static Optional<Long> find(String program, String argument) {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(d -> {
                        try {
                            String cmdline = Files.readString(d.resolve("cmdline")).replace('\0', ' ');
                            return cmdline.contains(program) && cmdline.contains(argument);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .map(d -> Long.parseLong(d.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
