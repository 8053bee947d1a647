package dev.berth.bench;

import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import java.nio.file.Path;

/** Berth's registry in its own process, as distribution runs in its own: prints its base URL, serves until killed. */
public final class BerthServerMain {
    private BerthServerMain() {
    }

    /** @param args the storage directory */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedRegistry registry = EmbeddedRegistry.builder().storage(Storage.filesystem(Path.of(args[0]))).start();
        System.out.println(registry.baseUri());
        System.out.flush();
        Thread.currentThread().join();
    }
}
