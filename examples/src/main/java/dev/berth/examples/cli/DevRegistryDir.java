package dev.berth.examples.cli;

import dev.berth.model.OciException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The directory {@code berth dev-registry} keeps everything in, so that a restart finds it all again:
 * <pre>
 * DIR/data/                  the registry's blobs, manifests and tags
 * DIR/tls/ca.pem             the CA clients trust (server.pem and server-key.pem beside it)
 * DIR/certs/ca.crt           the CA again, as podman, buildah and skopeo take it (--cert-dir)
 * DIR/certs.d/HOST:PORT/     containerd's hosts.toml and ca.crt (ctr --hosts-dir, a Kind node's config_path)
 * DIR/htpasswd               the user, bcrypt-hashed
 * DIR/password               the user's password in clear, readable by its owner only
 * DIR/auth.json              the login as Docker's config.json and containers' auth.json hold it, owner only
 * DIR/ui/                    the browser's settings and the events it received
 * </pre>
 * The directory itself is made readable by its owner only, and locked while a registry serves it.
 */
final class DevRegistryDir {
    private final Path root;

    DevRegistryDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param environment the process environment
     * @return {@code $XDG_DATA_HOME/berth/dev-registry}, else {@code $HOME/.local/share/berth/dev-registry} (the XDG
     *         base directory specification's default; the JVM's {@code user.home} when HOME is not set)
     */
    static Path defaultRoot(Map<String, String> environment) {
        String xdg = environment.get("XDG_DATA_HOME");
        String home = environment.getOrDefault("HOME", "");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home.isBlank() ? System.getProperty("user.home") : home, ".local", "share");
        return data.resolve("berth").resolve("dev-registry");
    }

    Path root() {
        return root;
    }

    Path data() {
        return root.resolve("data");
    }

    Path tls() {
        return root.resolve("tls");
    }

    Path certDir() {
        return root.resolve("certs");
    }

    Path containerdHosts() {
        return root.resolve("certs.d");
    }

    Path htpasswd() {
        return root.resolve("htpasswd");
    }

    Path password() {
        return root.resolve("password");
    }

    Path authFile() {
        return root.resolve("auth.json");
    }

    Path ui() {
        return root.resolve("ui");
    }

    /**
     * Creates the directory (owner only) if missing and locks it, so that a second registry on it fails at once
     * rather than two writing one store.
     *
     * @return the lock, held until closed
     * @throws OciException if the directory cannot be made, or another process holds it
     */
    FileChannel lock() {
        Path file = root.resolve("lock");
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root.getParent());
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new OciException("another berth dev-registry is serving " + root + ": stop it first, or give"
                        + " this one another --dir");
            }
            return channel;
        } catch (IOException e) {
            throw new OciException("cannot use " + root + " for the dev registry: " + e.getMessage(), e);
        }
    }
}
