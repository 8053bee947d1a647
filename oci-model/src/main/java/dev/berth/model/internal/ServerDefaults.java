package dev.berth.model.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Berth's servers share. No JVM-wide setting: the JDK servers Berth still
 * starts (the event receiver, the token endpoint) leave Nagle's algorithm on,
 * as the host application's own JDK servers do, because the switch for it
 * ({@code sun.net.httpserver.nodelay}) is a system property.
 */
public final class ServerDefaults {
    private ServerDefaults() {
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
