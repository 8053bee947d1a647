package dev.berth.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx serving a manifest's bytes as a static file, at the path a
 * registry serves them: what a manifest GET can cost on this machine at the
 * least, the limit the registry's manifest GET line is read against.
 */
final class NginxStatic implements AutoCloseable {
    private final Process process;
    private final String url;

    private NginxStatic(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * @param dir       an empty working directory (configuration, document root, temporary files)
     * @param path      the request path, e.g. {@code /v2/bench/small/manifests/latest}
     * @param mediaType the manifest's media type, sent as its Content-Type
     * @param manifest  the manifest's bytes
     */
    static NginxStatic serve(Path dir, String path, String mediaType, byte[] manifest) throws IOException, InterruptedException {
        Path root = dir.resolve("root");
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, manifest);
        // Workers run as nobody when nginx starts as root: the document root must be theirs to read.
        for (Path p = file; p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        // ... and every folder above it theirs to pass through (temporary folders are the owner's alone).
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // As many workers as cores, no access log, connections kept alive as long as the client wants: the limit.
        String config = """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    keepalive_requests 10000000;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { }
                    default_type %2$s;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %4$s;
                    }
                }
                """.formatted(dir, mediaType, port, root);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        String url = "http://127.0.0.1:" + port + path;
        NginxStatic nginx = new NginxStatic(p, url);
        for (int i = 0; i < 500; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        nginx.close();
        throw new IOException("nginx did not start: " + Files.readString(dir.resolve("error.log")));
    }

    /** @return the manifest's URL */
    String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
