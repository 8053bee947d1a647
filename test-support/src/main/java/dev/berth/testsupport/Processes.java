package dev.berth.testsupport;

import java.util.concurrent.TimeUnit;

/** Stopping the peers the tests start. */
public final class Processes {
    private Processes() {
    }

    /**
     * SIGTERM, then SIGKILL if it has not ended within 10 s; returns once it has ended (or 10 s more).
     *
     * @param process the process to stop
     */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
