package dev.berth.examples.cli;

import dev.berth.model.OciException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One registry's entry in a containerd hosts directory ({@code certs.d}, what {@code ctr --hosts-dir} and the CRI
 * plugin's {@code config_path} name): {@code DIR/HOST:PORT/hosts.toml}, and beside it {@code ca.crt} when the
 * registry's certificate is signed by a CA of its own. containerd resolves a relative {@code ca} against the
 * directory of {@code hosts.toml}, so the directory stays valid when mounted elsewhere (a Kind node's
 * {@code /etc/containerd/certs.d}).
 */
final class ContainerdHostsDir {
    /** The CA's file name beside {@code hosts.toml}. */
    static final String CA_FILE = "ca.crt";

    private final Path hostDir;

    /**
     * @param certsDir the hosts directory
     * @param registry host[:port], the name images are pulled by: containerd looks up the directory of that name
     */
    ContainerdHostsDir(Path certsDir, String registry) {
        this.hostDir = certsDir.resolve(registry);
    }

    /** @return where {@code hosts.toml} goes */
    Path hostsToml() {
        return hostDir.resolve("hosts.toml");
    }

    /** @return where the CA goes */
    Path caCertificate() {
        return hostDir.resolve(CA_FILE);
    }

    /**
     * @param server the registry's base URI, {@code https://host:port} or {@code http://host:port}
     * @param ca     the CA that signed the registry's certificate, copied beside {@code hosts.toml}; none when the
     *               system's trust store already trusts it (or for plain HTTP)
     * @throws OciException if the files cannot be written
     */
    void write(URI server, Optional<CaCertificate> ca) {
        try {
            Files.createDirectories(hostDir);
            if (ca.isPresent()) {
                Files.write(caCertificate(), ca.get().pem());
            } else {
                Files.deleteIfExists(caCertificate()); // a CA left from an earlier run would no longer be named
            }
            Files.writeString(hostsToml(), hostsToml(server, ca.isPresent()));
        } catch (IOException e) {
            throw new OciException("cannot write " + hostDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param server the registry's base URI
     * @param withCa whether {@code ca.crt} sits beside the file
     * @return the text of {@code hosts.toml} in containerd's format (containerd 1.5 and later)
     */
    static String hostsToml(URI server, boolean withCa) {
        String url = server.getScheme() + "://" + server.getRawAuthority();
        StringBuilder toml = new StringBuilder()
                .append("# Written by berth: containerd pulls ").append(server.getRawAuthority())
                .append("/... from ").append(url).append(".\n")
                .append("server = \"").append(url).append("\"\n\n")
                .append("[host.\"").append(url).append("\"]\n")
                .append("  capabilities = [\"pull\", \"resolve\", \"push\"]\n");
        if (withCa) {
            toml.append("  ca = \"").append(CA_FILE).append("\"\n");
        }
        return toml.toString();
    }
}
