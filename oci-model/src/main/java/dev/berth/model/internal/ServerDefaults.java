package dev.berth.model.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What every HTTP server Berth starts on the JDK's own server shares. */
public final class ServerDefaults {
    private ServerDefaults() {
    }

    /**
     * Turns Nagle's algorithm off for the JDK HTTP servers. The JDK leaves it on, so a
     * response written as headers then body waits for the client's delayed ACK, about
     * 40 ms a request (1,400 req/s instead of 50,000 on the machine Berth was measured
     * on). The setting is read once, when the first JDK server starts: call this before
     * creating one. An explicit choice by the application wins.
     */
    public static void preferNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** @return a factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... so servers never keep a JVM alive */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
