package dev.berth.examples.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a serving command ends: it waits until SIGINT or SIGTERM (the JVM's shutdown hook) and stops what it
 * runs there, or, run inside another program's JVM, until its thread is interrupted, and stops it then.
 */
final class UntilStopped {
    private UntilStopped() {
    }

    /**
     * Blocks until the process is told to stop or the thread is interrupted; runs {@code stop} once either way.
     *
     * @param threadName the shutdown hook's thread name
     * @param stop       closes everything the command started
     */
    static void await(String threadName, Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped from inside the JVM (a program running the CLI in-process): close now, leave no hook behind.
            boolean removed;
            try {
                removed = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                removed = false; // the hook is running and stops everything itself
            }
            if (removed) {
                stop.run();
            }
            Thread.currentThread().interrupt();
        }
    }
}
