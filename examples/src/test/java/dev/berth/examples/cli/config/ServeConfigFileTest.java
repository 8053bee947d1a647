package dev.berth.examples.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.events.send.EndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key {@link ServeConfigFile} reads, the defaults it takes from distribution, and the errors it names. */
class ServeConfigFileTest {
    @TempDir
    Path dir;
    Path htpasswd;
    Path cert;
    Path key;

    @BeforeEach
    void files() throws IOException {
        htpasswd = Files.writeString(dir.resolve("htpasswd"), "alice:$2y$05$x\n");
        cert = Files.writeString(dir.resolve("server.pem"), "cert");
        key = Files.writeString(dir.resolve("server-key.pem"), "key");
    }

    private ServeConfig read(String yaml) throws IOException {
        return read(yaml, Map.of());
    }

    private ServeConfig read(String yaml, Map<String, String> environment) throws IOException {
        return ServeConfigFile.read(Files.writeString(dir.resolve("config.yml"), yaml), environment);
    }

    private ConfigException refused(String yaml) {
        return refused(yaml, Map.of());
    }

    private ConfigException refused(String yaml, Map<String, String> environment) {
        return assertThrows(ConfigException.class, () -> read(yaml, environment));
    }

    @Test
    void everySupportedDistributionKey() throws IOException {
        ServeConfig c = read("""
                version: 0.1
                log:
                  level: debug
                  formatter: text
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                    maxthreads: 100
                  delete:
                    enabled: true
                  cache:
                    blobdescriptor: inmemory
                  redirect:
                    disable: true
                  maintenance:
                    uploadpurging:
                      enabled: true
                      age: 72h
                      interval: 12h
                      dryrun: false
                    readonly:
                      enabled: true
                auth:
                  htpasswd:
                    realm: my-realm
                    path: %s
                http:
                  addr: 127.0.0.1:5443
                  net: tcp
                  host: https://registry.example.com
                  secret: not-needed
                  relativeurls: true
                  http2:
                    disabled: true
                  tls:
                    certificate: %s
                    key: %s
                    minimumtls: tls1.2
                  headers:
                    X-Content-Type-Options: [nosniff]
                    Strict-Transport-Security: max-age=31536000
                  debug:
                    addr: 127.0.0.1:5001
                    prometheus:
                      enabled: true
                      path: /prom
                notifications:
                  events:
                    includereferences: false
                  endpoints:
                    - name: hook
                      url: https://hooks.example.com/registry
                      headers:
                        Authorization: [Bearer s3cret]
                      timeout: 500ms
                      threshold: 5
                      backoff: 2s
                      ignoredmediatypes: [application/octet-stream]
                      ignore:
                        mediatypes: [application/vnd.oci.image.config.v1+json]
                        actions: [pull]
                    - name: off
                      disabled: true
                      url: http://127.0.0.1:1/
                """.formatted(dir.resolve("store"), htpasswd, cert, key));
        assertEquals(Optional.of(new StorageConfig.Filesystem(dir.resolve("store"))), c.storage());
        assertTrue(c.deleteEnabled());
        assertEquals(Duration.ofHours(72), c.uploadExpiry());
        assertTrue(c.readOnly());
        assertEquals(Optional.of(new AuthConfig.Htpasswd("my-realm", htpasswd)), c.auth());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 5443)), c.address());
        assertEquals(Optional.of(new TlsFiles(cert, key)), c.tls());
        assertEquals(Map.of("X-Content-Type-Options", List.of("nosniff"), "Strict-Transport-Security", List.of("max-age=31536000")),
                c.headers());
        assertEquals(Optional.of(new DebugConfig(new InetSocketAddress("127.0.0.1", 5001), true, "/prom")), c.debug());
        assertEquals(new LogConfig("debug", false), c.log());
        assertEquals(1, c.notifications().size(), "the disabled endpoint is left out, as distribution does");
        EndpointConfig hook = c.notifications().get(0);
        assertEquals("hook", hook.name());
        assertEquals(URI.create("https://hooks.example.com/registry"), hook.url());
        assertEquals(Map.of("Authorization", List.of("Bearer s3cret")), hook.headers());
        assertEquals(Duration.ofMillis(500), hook.timeout());
        assertEquals(5, hook.threshold());
        assertEquals(Duration.ofSeconds(2), hook.backoff());
        assertEquals(Set.of("application/octet-stream", "application/vnd.oci.image.config.v1+json"), hook.ignoredMediaTypes());
        assertEquals(Set.of(dev.berth.events.EventAction.PULL), hook.ignoredActions());
        assertEquals(RegistryPolicies.NONE, c.policies());
        assertEquals(List.of("storage.filesystem.maxthreads", "storage.maintenance.uploadpurging.interval",
                        "storage.cache.blobdescriptor", "storage.redirect.disable", "auth.htpasswd.realm", "http.host", "http.secret", "http.relativeurls",
                        "http.http2.disabled"),
                c.notes().stream().map(n -> n.substring(0, n.indexOf(':'))).toList(), "each accepted key that changes nothing says why");
    }

    @Test
    void distributionsDefaultsWhereTheFileIsSilent() throws IOException {
        ServeConfig c = read("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: :5000\n");
        assertEquals(Optional.of(new StorageConfig.InMemory()), c.storage());
        assertFalse(c.deleteEnabled(), "deletes are refused unless storage.delete.enabled");
        assertEquals(Duration.ofHours(168), c.uploadExpiry());
        assertFalse(c.readOnly());
        assertEquals(Optional.empty(), c.auth());
        assertEquals(Optional.of(new InetSocketAddress(5000)), c.address(), ":PORT is every interface");
        assertEquals(new LogConfig("info", true), c.log());
        assertEquals(Optional.empty(), c.debug());
        assertEquals(List.of(), c.notifications());

        assertEquals(Optional.of(new StorageConfig.Filesystem(Path.of("/var/lib/registry"))),
                read("version: 0.1\nstorage:\n  filesystem: {}\n").storage(), "distribution's default root");
        assertEquals(Optional.of(new StorageConfig.InMemory()), read("version: 0.1\nstorage: inmemory\n").storage());
        assertEquals(Optional.empty(), read("version: 0.1\n").storage(), "the command line may give it");
        assertEquals("warn", read("version: 0.1\nloglevel: warn\n").log().level(), "the deprecated top-level key");
    }

    @Test
    void tokenAuth() throws IOException {
        ServeConfig c = read("""
                version: 0.1
                auth:
                  token:
                    realm: https://auth.example.com/token
                    service: my-registry
                    issuer: my-issuer
                    rootcertbundle: %s
                    autoredirect: false
                """.formatted(cert));
        assertEquals(Optional.of(new AuthConfig.Token("https://auth.example.com/token", "my-registry", "my-issuer", cert)), c.auth());
        ConfigException missing = refused("version: 0.1\nauth:\n  token:\n    realm: https://a/token\n");
        assertEquals(List.of("auth.token.service: missing", "auth.token.issuer: missing", "auth.token.rootcertbundle: missing"),
                missing.problems());
    }

    @Test
    void berthsOwnKeys() throws IOException {
        ServeConfig c = read("""
                version: 0.1
                access:
                  admins: [alice]
                  anonymous: [pull]
                  rules:
                    - repositories: ["team/**"]
                      users: [bob, carol]
                      actions: [pull, push]
                    - repositories: ["vault/*"]
                      users: ["*"]
                      actions: []
                    - repositories: ["**"]
                      users: ["*"]
                      actions: [pull]
                gc:
                  interval: 1h
                  grace: 30m
                  untagged: true
                retention:
                  - repositories: ["team/**"]
                    keep: {newest: 10, tags: ["v*", "latest"], pulledWithin: 720h, untaggedFor: 24h}
                quotas:
                  - namespace: team
                    bytes: 10GiB
                    repositories: 100
                  - namespace: ci/cache
                    bytes: 500MB
                cors:
                  origins: ["http://localhost:8080"]
                  credentials: true
                  methods: [HEAD, GET, OPTIONS, DELETE]
                  headers: [Authorization, Accept, Cache-Control]
                  expose: [Docker-Content-Digest]
                """);
        RegistryPolicies p = c.policies();
        assertEquals(Optional.of(new AccessConfig(List.of("alice"), Set.of("pull"), List.of(
                new AccessConfig.Rule(List.of("team/**"), List.of("bob", "carol"), Set.of("pull", "push")),
                new AccessConfig.Rule(List.of("vault/*"), List.of("*"), Set.of()),
                new AccessConfig.Rule(List.of("**"), List.of("*"), Set.of("pull"))))), p.access());
        assertEquals(Optional.of(new GcConfig(Duration.ofHours(1), Duration.ofMinutes(30), true)), p.gc());
        assertEquals(List.of(new RetentionRule(List.of("team/**"), OptionalInt.of(10), List.of("v*", "latest"),
                Optional.of(Duration.ofHours(720)), Optional.of(Duration.ofHours(24)))), p.retention());
        assertEquals(List.of(new QuotaRule("team", OptionalLong.of(10L << 30), OptionalInt.of(100)),
                new QuotaRule("ci/cache", OptionalLong.of(500_000_000L), OptionalInt.empty())), p.quotas());
        assertEquals(Optional.of(new CorsConfig(List.of("http://localhost:8080"), true, List.of("HEAD", "GET", "OPTIONS", "DELETE"),
                List.of("Authorization", "Accept", "Cache-Control"), List.of("Docker-Content-Digest"))), p.cors());
        assertEquals(Optional.of(new GcConfig(Duration.ofHours(1), Duration.ofHours(1), false)),
                read("version: 0.1\ngc: {}\n").policies().gc(), "the defaults");
    }

    @Test
    void berthsOwnKeysAreValidated() {
        ConfigException e = refused("""
                version: 0.1
                access:
                  anonymous: [read]
                  rules:
                    - repositories: ["Team/*"]
                      actions: [pull]
                    - repositories: ["ok"]
                      users: [bob]
                gc:
                  interval: 1d
                retention:
                  - repositories: ["x"]
                    keep: {}
                quotas:
                  - namespace: team
                    bytes: 10 parsecs
                  - namespace: team
                    repositories: 0
                cors:
                  origins: ["*"]
                  credentials: true
                  methods: [TRACE]
                """);
        assertEquals(List.of(
                "access.anonymous: \"read\" is not an action; pull, push or delete",
                "access.rules[0].repositories: \"Team/*\" is not a repository glob (lower-case names, / between components,"
                        + " * within one, ** across them)",
                "access.rules[0].users: missing; user names, or \"*\" for any authenticated user",
                "access.rules[1].actions: missing; some of pull, push, delete, or [] to shut the users out",
                "gc.interval: \"1d\" is not a duration; write one like 90s, 1h30m or 720h (units ns, us, ms, s, m, h)",
                "retention[0].keep: missing; say what to keep: newest, tags, pulledWithin or untaggedFor",
                "quotas[0].bytes: \"10 parsecs\" is not a size; write one like 10GiB, 500MiB or 2GB",
                "quotas[1].namespace: \"team\" has two quotas",
                "quotas[1].repositories: must be at least 1",
                "cors.credentials: true needs named origins: browsers refuse credentials for origin *",
                "cors.methods: \"TRACE\" is not a method the registry answers"), e.problems());
    }

    @Test
    void everyUnknownKeyIsNamedByItsFullPathInOneError() {
        ConfigException e = refused("""
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: /tmp/x
                    rootdir: /tmp/y
                  delete:
                    enabled: true
                    soft: true
                http:
                  addr: :5000
                  tls:
                    letsencrypt:
                      cachefile: /tmp/le
                notifications:
                  endpoints:
                    - name: a
                      url: http://127.0.0.1:1/
                      retries: 3
                redis:
                  addr: localhost:6379
                gc:
                  intervall: 1h
                frobnicate: yes
                """);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("Berth does not support the keys storage.filesystem.rootdir, storage.delete.soft,"
                + " http.tls.letsencrypt (Berth does not obtain certificates: give http.tls.certificate and key),"
                + " notifications.endpoints[0].retries, redis (Berth needs no cache), gc.intervall, frobnicate",
                e.problems().get(0));
        assertTrue(e.getMessage().startsWith(dir.resolve("config.yml") + ": Berth does not support the keys "), e.getMessage());
    }

    @Test
    void unknownKeysAndBadValuesComeTogether() {
        ConfigException e = refused("""
                version: 0.2
                storage:
                  azure:
                    accountname: b
                  maintenance:
                    uploadpurging:
                      enabled: false
                      age: a week
                      dryrun: true
                http:
                  addr: localhost
                  tls:
                    certificate: /nonexistent/cert.pem
                  headers:
                    "Bad Header": [x]
                log:
                  level: verbose
                  formatter: json
                  fields:
                    service: registry
                notifications:
                  events:
                    includereferences: true
                  endpoints:
                    - url: ftp://example.com/
                      timeout: 5
                      ignore:
                        actions: [pul]
                """);
        assertEquals(List.of(
                "Berth does not support the keys storage.azure (Berth's --config stores on the filesystem, in memory or in S3),"
                        + " log.fields (Berth's log lines carry no static fields)",
                "version: \"0.2\" is not a version Berth reads; it reads 0.1, as distribution 2.8",
                "log.level: \"verbose\" is not a level; one of error, warn, info, debug",
                "log.formatter: json is not supported: Berth logs text lines",
                "storage.maintenance.uploadpurging.enabled: false is not supported: Berth always purges abandoned uploads;"
                        + " set a longer age to keep them",
                "storage.maintenance.uploadpurging.dryrun: true is not supported: Berth has no dry run of upload purging",
                "storage.maintenance.uploadpurging.age: \"a week\" is not a duration; write one like 90s, 1h30m or 720h"
                        + " (units ns, us, ms, s, m, h)",
                "http.addr: \"localhost\" is not an address; HOST:PORT or :PORT, e.g. :5000",
                "http.tls.certificate: cannot read /nonexistent/cert.pem",
                "http.tls.key: missing",
                "http.headers.Bad Header: \"Bad Header\" is not an HTTP header name",
                "notifications.events.includereferences: true is not supported: Berth's events carry no references",
                "notifications.endpoints[0].name: missing",
                "notifications.endpoints[0].url: \"ftp://example.com/\" is not an http(s) URL",
                "notifications.endpoints[0].timeout: \"5\" is not a duration; write one like 90s, 1h30m or 720h"
                        + " (units ns, us, ms, s, m, h)",
                "notifications.endpoints[0].ignore.actions: \"pul\" is not an event action; pull, push, mount or delete"),
                e.problems());
    }

    @Test
    void oneAuthenticationAndOneStorageDriver() {
        assertEquals(List.of("storage: name exactly one storage driver, not filesystem, inmemory"),
                refused("version: 0.1\nstorage:\n  filesystem: {rootdirectory: /tmp/x}\n  inmemory: {}\n").problems());
        assertEquals(List.of("auth: name exactly one kind of authentication, not htpasswd, token"),
                refused("version: 0.1\nauth:\n  htpasswd: {path: /x}\n  token: {realm: r}\n").problems());
        assertEquals(List.of("Berth does not support the key auth.silly (a scheme for distribution's tests; use htpasswd or token)"),
                refused("version: 0.1\nauth:\n  silly: {realm: r, service: s}\n").problems());
    }

    @Test
    void notYamlOrNotThereIsOneLine() throws IOException {
        ConfigException duplicate = refused("version: 0.1\nhttp:\n  addr: :1\n  addr: :2\n");
        assertTrue(duplicate.getMessage().contains("not readable as YAML: Duplicate field 'addr'"), duplicate.getMessage());
        ConfigException absent = assertThrows(ConfigException.class, () -> ServeConfigFile.read(dir.resolve("nope.yml"), Map.of()));
        assertEquals(dir.resolve("nope.yml") + ": no such file", absent.getMessage());
        assertEquals(List.of("version: missing; distribution's config.yml starts with version: 0.1"), refused("").problems());
    }

    @Test
    void environmentVariablesOverrideKeysAsDistributionsDo() throws IOException {
        ServeConfig c = read("version: 0.1\nstorage:\n  inmemory:\nhttp:\n  addr: :5000\n", Map.of(
                "REGISTRY_HTTP_ADDR", "127.0.0.1:6000",
                "REGISTRY_STORAGE_DELETE_ENABLED", "true",
                "REGISTRY_STORAGE_MAINTENANCE_UPLOADPURGING_AGE", "2h",
                "REGISTRY_AUTH_FILE", "/home/me/auth.json",
                "PATH", "/usr/bin"));
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 6000)), c.address());
        assertTrue(c.deleteEnabled());
        assertEquals(Duration.ofHours(2), c.uploadExpiry());

        ServeConfig moved = read("version: 0.1\nstorage:\n  inmemory:\n", Map.of("REGISTRY_STORAGE", "filesystem",
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", dir.toString()));
        assertEquals(Optional.of(new StorageConfig.Filesystem(dir)), moved.storage(),
                "REGISTRY_STORAGE replaces the file's driver, as distribution documents");
    }

    @Test
    void anEnvironmentVariableNamingAnUnsupportedKeyIsNamedWithTheKey() {
        ConfigException e = refused("version: 0.1\n", Map.of("REGISTRY_HTTP_PREFIX", "/registry", "REGISTRY_FOO", "1"));
        assertEquals(List.of("Berth does not support the keys foo (set by REGISTRY_FOO),"
                + " http.prefix (Berth serves /v2/ at the root) (set by REGISTRY_HTTP_PREFIX)"), e.problems());
    }

    @Test
    void s3KeysBecomeTheBucketsOptionsAndMetadataItsDatabase() throws IOException {
        ServeConfig c = read("""
                version: 0.1
                storage:
                  s3:
                    bucket: blobs
                    region: eu-west-1
                    regionendpoint: http://127.0.0.1:9000
                    forcepathstyle: true
                    rootdirectory: /registry/
                    accesskey: AKIA
                    secretkey: secret
                    encrypt: true
                    keyid: arn:aws:kms:key
                    chunksize: 10485760
                    secure: false
                    v4auth: true
                metadata: jdbc:postgresql://db/registry
                http:
                  addr: 127.0.0.1:5000
                """);
        StorageConfig.S3 s3 = (StorageConfig.S3) c.storage().orElseThrow();
        assertEquals("s3://blobs/registry", s3.spec());
        assertEquals("blobs", s3.options().bucket());
        assertEquals("registry/", s3.options().prefix());
        assertEquals(Optional.of(java.net.URI.create("http://127.0.0.1:9000")), s3.options().endpoint());
        assertEquals(Optional.of("eu-west-1"), s3.options().region());
        assertTrue(s3.options().pathStyle());
        assertEquals(dev.berth.server.storage.s3.ServerSideEncryption.kms("arn:aws:kms:key"), s3.options().encryption());
        assertEquals(10485760, s3.options().partSize());
        assertEquals(Optional.of(S3Storage.REDIRECT_VALIDITY), s3.options().redirect(),
                "as distribution, pulls are redirected to pre-signed URLs unless storage.redirect.disable");
        assertEquals(Optional.of("jdbc:postgresql://db/registry"), c.metadata());
    }

    @Test
    void redirectDisableKeepsBlobPullsOnTheRegistry() throws IOException {
        ServeConfig c = read("""
                version: 0.1
                storage:
                  s3:
                    bucket: blobs
                    region: eu-west-1
                  redirect:
                    disable: true
                metadata: jdbc:postgresql://db/registry
                http:
                  addr: 127.0.0.1:5000
                """);
        assertEquals(Optional.empty(), ((StorageConfig.S3) c.storage().orElseThrow()).options().redirect());
        assertTrue(c.notes().stream().noneMatch(n -> n.startsWith("storage.redirect")), "it changes something: no note");
    }

    @Test
    void s3KeysBerthCannotHonourAreNamed() {
        ConfigException e = refused("""
                version: 0.1
                storage:
                  s3:
                    bucket: blobs
                    accesskey: AKIA
                    v4auth: false
                    storageclass: REDUCED_REDUNDANCY
                metadata: postgres://db
                http:
                  addr: 127.0.0.1:5000
                """);
        assertEquals(List.of(
                "storage.s3.v4auth: false is not supported: Berth signs requests with Signature Version 4",
                "storage.s3.storageclass: \"REDUCED_REDUNDANCY\" is not supported: Berth stores blobs in the bucket's STANDARD class",
                "storage.s3.secretkey: give accesskey and secretkey together, or neither for the AWS default chain",
                "metadata: a JDBC URL (jdbc:postgresql://HOST/DATABASE?user=U&password=P), not \"postgres://db\""), e.problems());
    }

    @Test
    void theStorageFlagTakesABucketWithItsEndpointAndEncryption() {
        StorageConfig.S3 s3 = S3Storage.fromSpec("s3://blobs/team/registry/?endpoint=http://127.0.0.1:9000&region=us-east-1&sse=s3");
        assertEquals("s3://blobs/team/registry", s3.spec());
        assertEquals("team/registry/", s3.options().prefix());
        assertTrue(s3.options().pathStyle(), "an S3-compatible endpoint is addressed by path unless told otherwise");
        assertEquals(dev.berth.server.storage.s3.ServerSideEncryption.s3Managed(), s3.options().encryption());
        assertFalse(S3Storage.fromSpec("s3://blobs?region=eu-west-1").options().pathStyle(), "AWS itself: virtual hosts");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> S3Storage.fromSpec("s3://b?acl=public"));
        assertTrue(unknown.getMessage().contains("unknown parameter \"acl\""), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> S3Storage.fromSpec("s3://?region=x"));
        assertThrows(IllegalArgumentException.class, () -> S3Storage.fromSpec("s3://b?pathstyle=yes"));
        assertEquals(Optional.empty(), s3.options().redirect(), "the flag serves blobs itself unless told to redirect");
        assertEquals(Optional.of(S3Storage.REDIRECT_VALIDITY), S3Storage.fromSpec("s3://blobs?region=x&redirect=true").options().redirect());
        IllegalArgumentException notABool = assertThrows(IllegalArgumentException.class, () -> S3Storage.fromSpec("s3://blobs?redirect=1"));
        assertTrue(notABool.getMessage().contains("redirect takes true or false"), notABool.getMessage());
    }
}
