package dev.berth.examples.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.model.OciException;
import dev.berth.model.Reference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code berth ping REGISTRY}: checks that the registry answers on {@code /v2/}
 * and that the credentials work, negotiating Basic or Bearer as it asks.
 */
final class PingCommand implements Command {
    private final InputStream stdin;

    PingCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String synopsis() {
        return "ping REGISTRY [--username U --password-stdin] [--insecure]";
    }

    @Override
    public String summary() {
        return "check that the registry answers and that the credentials work (else the credential chain:"
                + " BERTH_REGISTRY_USERNAME/PASSWORD, REGISTRY_AUTH_FILE, Docker's config.json and helpers)";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("username");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("password-stdin", "insecure");
    }

    @Override
    public void run(CommandLine line, Output output) {
        String registry = registry(line.requirePositionals(1, "REGISTRY").get(0));
        boolean insecure = line.flag("insecure");
        CredentialProvider credentials = credentials(line, registry);
        RegistryAuthenticator.Builder auth = RegistryAuthenticator.builder().credentials(credentials).userAgent("berth-cli");
        if (insecure) {
            auth.insecureRegistry(registry);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(insecure ? trustAll() : defaultContext()).build();
        auth.httpClient(http);
        RegistryAuthenticator authenticator = auth.build();
        boolean plainAllowed = insecure || Reference.isLoopbackRegistry(registry);
        HttpResponse<Void> response;
        URI base = URI.create("https://" + registry + "/v2/");
        try {
            response = ping(http, authenticator, registry, base);
        } catch (SSLException | java.net.ConnectException e) {
            if (!plainAllowed) {
                throw new OciException("cannot reach https://" + registry + "/v2/: " + describe(e)
                        + (Reference.isLoopbackRegistry(registry) ? "" : " (use --insecure for a registry without valid TLS)"), e);
            }
            base = URI.create("http://" + registry + "/v2/");
            try {
                response = ping(http, authenticator, registry, base);
            } catch (IOException again) {
                throw new OciException("cannot reach " + registry + ": " + describe(again), again);
            }
        } catch (IOException e) {
            throw new OciException("cannot reach " + registry + ": " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new OciException("registry " + registry + " answered " + base + " with HTTP " + response.statusCode());
        }
        String scheme = response.request().headers().firstValue("Authorization").map(h -> h.split(" ")[0].toLowerCase())
                .orElse("none");
        output.section("ping", "Registry " + registry);
        output.item("url", "url", base);
        output.item("apiVersion", "API version",
                response.headers().firstValue("Docker-Distribution-API-Version").orElse("(not announced)"));
        output.item("auth", "authentication", scheme);
        output.item("credential", "credential", credentials.credentialFor(registry).map(Object::toString).orElse("anonymous"));
        output.item("status", "status", "ok");
    }

    private static HttpResponse<Void> ping(HttpClient http, RegistryAuthenticator auth, String registry, URI uri)
            throws IOException {
        Optional<String> header = auth.authorizationFor(uri, registry, List.of());
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("User-Agent", "berth-cli");
            header.ifPresent(h -> b.header("Authorization", h));
            HttpResponse<Void> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (r.statusCode() != 401 || attempt == 2) {
                return r;
            }
            header = Optional.of(auth.authorize(uri, registry, r.headers().allValues("WWW-Authenticate"), List.of(), header));
        }
    }

    private CredentialProvider credentials(CommandLine line, String registry) {
        Optional<String> user = line.value("username");
        if (line.flag("password-stdin") && user.isEmpty()) {
            throw new UsageException("--password-stdin needs --username");
        }
        if (user.isEmpty()) {
            return CredentialProviders.defaults();
        }
        if (!line.flag("password-stdin")) {
            throw new UsageException("--username needs --password-stdin (passwords are never taken as arguments)");
        }
        String password;
        try {
            password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new OciException("cannot read the password from stdin: " + e.getMessage(), e);
        }
        if (password == null || password.isEmpty()) {
            throw new UsageException("--password-stdin: no password on stdin");
        }
        return CredentialProviders.of(registry, Credential.basic(user.get(), password));
    }

    private static String registry(String text) {
        String r = text.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        try {
            return Reference.parse(r + "/probe").registry();
        } catch (OciException e) {
            throw new UsageException("REGISTRY must be host[:port], e.g. localhost:5000, not \"" + text + "\"");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Only with --insecure, for one registry the user named: accept any certificate.
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
