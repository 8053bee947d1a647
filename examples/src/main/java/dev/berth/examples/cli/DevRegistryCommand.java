package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.vault.Secret;
import dev.berth.client.registries.RegistryEntry;
import dev.berth.events.EventAction;
import dev.berth.events.send.EndpointConfig;
import dev.berth.examples.ui.UiServer;
import dev.berth.model.OciException;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.server.auth.Htpasswd;
import dev.berth.server.storage.fs.FileBlobStore;
import dev.berth.server.storage.fs.FileMetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code berth dev-registry [--dir DIR] [--addr HOST:PORT]}: a registry for one developer's machine that needs no
 * setup and keeps its state: filesystem storage, TLS with a CA of its own, one user with a generated password, the
 * metrics listener and the browser, all under one directory and all the same after a restart. It prints what a
 * client needs (see {@link DevRegistryInstructions}) and serves until SIGINT or SIGTERM.
 */
final class DevRegistryCommand implements Command {
    /** Kind's documented port for a local registry (5000 is {@code berth serve}'s, and macOS AirPlay's). */
    static final String DEFAULT_ADDRESS = "127.0.0.1:5001";
    /** What the browser calls this registry. */
    static final String BROWSER_NAME = "dev";

    @Override
    public String name() {
        return "dev-registry";
    }

    @Override
    public String synopsis() {
        return "dev-registry [--dir DIR] [--addr HOST:PORT]";
    }

    @Override
    public String summary() {
        return "a persistent local registry for development: TLS with a generated CA, user dev with a generated password,"
                + " the browser and metrics; the first line is 'listening on <https URL>', then the login lines, the CA,"
                + " containerd's hosts.toml and the Kind ConfigMap; the same data, CA and password after a restart;"
                + " stops cleanly on SIGINT/SIGTERM";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("dir", "addr");
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--dir DIR", "where the images, the CA and certificate, the password and the browser's"
                        + " settings are kept (default: $XDG_DATA_HOME/berth/dev-registry, else"
                        + " ~/.local/share/berth/dev-registry); readable by its owner only"),
                new OptionHelp("--addr HOST:PORT", "where the registry listens (default " + DEFAULT_ADDRESS + "); the"
                        + " browser listens on 127.0.0.1 at PORT+1 and the metrics on 127.0.0.1 at PORT+2 (with"
                        + " port 0, each on a free port). A HOST other than localhost is named in the certificate;"
                        + " for a Kind cluster's nodes, listen on the Docker network's gateway, e.g. 172.18.0.1:5001"));
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        InetSocketAddress address = Addresses.parse(line.value("addr").orElse(DEFAULT_ADDRESS));
        InetSocketAddress debugAddress = beside(address, 2);
        DevRegistryDir dir = new DevRegistryDir(line.value("dir").map(Path::of)
                .orElseGet(() -> DevRegistryDir.defaultRoot(System.getenv())));
        // Everything started so far, closed in reverse on a failure or when stopped.
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(dir.lock());
        try {
            DevRegistryLogin login = DevRegistryLogin.keptOrNew(dir.password(), dir.htpasswd());
            GeneratedTls tls = GeneratedTls.reused(dir.tls(), certificateHost(address));
            tls.note().ifPresent(note -> System.err.println("berth dev-registry: " + note));
            CaCertificate ca = CaCertificate.read(tls.caPem());
            UiServer browser = startBrowser(dir.ui(), beside(address, 1));
            started.push(browser);
            // Pushes and deletes show up in the browser's event lists; it would drop pulls, so they are not sent.
            EndpointConfig events = EndpointConfig.of("berth-ui", browser.uri().resolve("api/v1/events?registry=" + BROWSER_NAME))
                    .ignoring(Set.of(), Set.of(EventAction.PULL));
            EmbeddedRegistry.Builder builder = EmbeddedRegistry.builder().notify(events)
                    .storage(new Storage(new FileBlobStore(dir.data()), new FileMetadataStore(dir.data())))
                    .address(address).deleteEnabled(true).authenticator(Htpasswd.load(login.htpasswd()))
                    .tls(tls.server()).debugAddress(debugAddress);
            EmbeddedRegistry registry = start(PrometheusMetrics.attachTo(builder), address, debugAddress);
            started.push(registry);
            browser.registries().add(RegistryEntry.of(BROWSER_NAME, registry.baseUri().toString())
                    .withCaCertificate(tls.caPem()).withUsername(login.username()), new Secret(login.password()));
            DevRegistryInstructions instructions = instructions(dir, registry, login, ca, browser.uri());
            output.stream(instructions.text(), instructions.json());
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        UntilStopped.await("berth-dev-registry-stop", () -> closeAll(started));
    }

    // The files clients read (the CA for podman's --cert-dir, containerd's hosts directory, an auth file), written
    // on every start: the registry's port or CA may have changed since the last one.
    private static DevRegistryInstructions instructions(DevRegistryDir dir, EmbeddedRegistry registry,
            DevRegistryLogin login, CaCertificate ca, URI browser) {
        String hostPort = registry.hostPort();
        ContainerdHostsDir hosts = new ContainerdHostsDir(dir.containerdHosts(), hostPort);
        hosts.write(registry.baseUri(), Optional.of(ca));
        try {
            Files.createDirectories(dir.certDir());
            Files.write(dir.certDir().resolve(ContainerdHostsDir.CA_FILE), ca.pem());
        } catch (IOException e) {
            throw new OciException("cannot write " + dir.certDir() + ": " + e.getMessage(), e);
        }
        Path authFile = login.writeAuthFile(dir.authFile(), hostPort);
        return new DevRegistryInstructions(registry.baseUri(), hostPort, login, ca.file(), dir.certDir(), authFile,
                hosts, browser, registry.debugUri().orElseThrow());
    }

    private static EmbeddedRegistry start(EmbeddedRegistry.Builder builder, InetSocketAddress address,
            InetSocketAddress debugAddress) {
        try {
            return builder.start();
        } catch (UncheckedIOException e) {
            throw new OciException("cannot listen on " + display(address) + " (the registry) or " + display(debugAddress)
                    + " (its metrics, the registry's port + 2): " + e.getCause().getMessage()
                    + "; is another registry there? choose another --addr", e);
        }
    }

    private static String display(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    // The browser on its own loopback port, its settings and received events under DIR/ui.
    private static UiServer startBrowser(Path configDir, InetSocketAddress address) {
        UiServer browser;
        try {
            Files.createDirectories(configDir);
            browser = UiServer.builder().address(address).configDir(configDir).build();
        } catch (IOException | UncheckedIOException e) {
            throw new OciException("cannot start the browser on " + display(address) + " (the registry's port + 1): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "; choose another --addr", e);
        }
        browser.start();
        return browser;
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("berth dev-registry: while stopping: " + e.getMessage());
            }
        }
    }

    // The browser and the metrics listen on loopback beside the registry's port, or on free ports beside port 0.
    static InetSocketAddress beside(InetSocketAddress registry, int offset) {
        if (registry.getPort() == 0) {
            return new InetSocketAddress("127.0.0.1", 0);
        }
        int port = registry.getPort() + offset;
        if (port > 65535) {
            throw new UsageException("--addr port " + registry.getPort() + " leaves no room for the browser and the"
                    + " metrics on the next two ports: choose a lower one");
        }
        return new InetSocketAddress("127.0.0.1", port);
    }

    // The name clients use, which the certificate must hold: the address listened on, 127.0.0.1 for all of them.
    private static String certificateHost(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new UsageException("--addr: cannot resolve " + address.getHostString());
        }
        return address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    }
}
