package dev.berth.bench;

import dev.berth.server.auth.TlsMaterial;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import java.nio.file.Path;
import java.util.List;

/**
 * Berth's registry in its own process, as distribution runs in its own: prints its base URL, serves until killed.
 * With {@code --tls CA_FILE} it serves HTTPS with generated material and writes the CA's PEM there first.
 */
public final class BerthServerMain {
    private BerthServerMain() {
    }

    /** @param args the storage directory, then optionally {@code --tls CA_FILE} */
    public static void main(String[] args) throws Exception {
        EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().storage(Storage.filesystem(Path.of(args[0])));
        if (args.length == 3 && args[1].equals("--tls")) {
            TlsMaterial tls = TlsMaterial.generate(List.of());
            java.nio.file.Files.writeString(Path.of(args[2]), tls.caPem());
            builder.tls(tls.serverContext());
        }
        EmbeddedRegistry registry = builder.start();
        System.out.println(registry.baseUri());
        System.out.flush();
        Thread.currentThread().join();
    }
}
