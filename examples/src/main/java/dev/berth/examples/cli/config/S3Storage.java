package dev.berth.examples.cli.config;

import dev.berth.server.storage.s3.S3BlobStoreOptions;
import dev.berth.server.storage.s3.S3Credentials;
import dev.berth.server.storage.s3.ServerSideEncryption;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two ways {@code berth serve} is told about a bucket: distribution's {@code storage.s3} keys, and
 * {@code --storage s3://BUCKET[/PREFIX]?endpoint=URL&region=R}. Credentials come from the AWS default chain
 * (environment variables, profile, instance role) unless the file gives {@code accesskey} and {@code secretkey}.
 *
 * <p>Blob pulls are redirected to pre-signed URLs where asked: {@code redirect=true} on the flag (off by default,
 * as before: clients that reach only the registry, not the bucket, keep working), and in the file unless
 * {@code storage.redirect.disable: true} (on by default there, as distribution does for a file written for it).
 */
public final class S3Storage {
    /** How long a pre-signed pull URL is valid: distribution's S3 driver's default expiry. */
    public static final Duration REDIRECT_VALIDITY = Duration.ofMinutes(20);
    private static final Set<String> QUERY = Set.of("endpoint", "region", "pathstyle", "sse", "kmskey", "redirect");

    private S3Storage() {
    }

    /**
     * @param spec {@code s3://BUCKET[/PREFIX]?endpoint=URL&region=R&pathstyle=true|false&sse=s3|kms&kmskey=ID
     *             &redirect=true|false}; with an endpoint, path-style addressing is the default (S3-compatible
     *             stores expect it); {@code redirect=true} sends blob pulls to pre-signed URLs (default false)
     * @return the storage
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public static StorageConfig.S3 fromSpec(String spec) {
        String rest = spec.substring("s3://".length());
        int q = rest.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (!QUERY.contains(name)) {
                    throw new IllegalArgumentException("--storage s3://...: unknown parameter \"" + name + "\" (it takes "
                            + String.join(", ", QUERY) + ")");
                }
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("--storage s3://BUCKET...: the bucket is missing");
        }
        S3BlobStoreOptions.Builder options = S3BlobStoreOptions.builder(bucket).prefix(prefix);
        Optional.ofNullable(query.get("endpoint")).ifPresent(e -> options.endpoint(URI.create(e)).pathStyle(true));
        Optional.ofNullable(query.get("region")).ifPresent(options::region);
        Optional.ofNullable(query.get("pathstyle")).ifPresent(p -> options.pathStyle(bool("pathstyle", p)));
        if (bool("redirect", query.getOrDefault("redirect", "false"))) {
            options.redirect(REDIRECT_VALIDITY);
        }
        String kmsKey = query.get("kmskey");
        switch (query.getOrDefault("sse", kmsKey == null ? "" : "kms")) {
            case "" -> { }
            case "s3" -> options.encryption(ServerSideEncryption.s3Managed());
            case "kms" -> options.encryption(kmsKey == null ? ServerSideEncryption.kms() : ServerSideEncryption.kms(kmsKey));
            default -> throw new IllegalArgumentException("--storage s3://...: sse takes s3 or kms, not \"" + query.get("sse") + "\"");
        }
        return new StorageConfig.S3(options.build(), display(bucket, prefix));
    }

    /**
     * Reads {@code storage.s3}, naming each problem by its key.
     *
     * @param s3       the section
     * @param redirect whether blob pulls go to pre-signed URLs (not {@code storage.redirect.disable: true})
     * @param problems where problems go
     * @param notes    where accepted keys that change nothing go
     * @return the storage, or empty after a problem
     */
    static Optional<StorageConfig> fromConfig(ConfigNode s3, boolean redirect, ConfigProblems problems,
                                              java.util.List<String> notes) {
        Optional<String> bucket = s3.string("bucket");
        Optional<String> region = s3.string("region");
        Optional<String> endpoint = s3.string("regionendpoint");
        Optional<Boolean> pathStyle = s3.bool("forcepathstyle");
        String prefix = trimSlashes(s3.string("rootdirectory").orElse(""));
        Optional<String> accessKey = s3.string("accesskey");
        Optional<String> secretKey = s3.string("secretkey");
        boolean encrypt = s3.bool("encrypt").orElse(false);
        Optional<String> keyId = s3.string("keyid");
        Optional<Integer> chunkSize = s3.integer("chunksize");
        s3.bool("secure").ifPresent(secure -> notes.add("storage.s3.secure: Berth takes http or https from regionendpoint"
                + " (AWS itself is always https)"));
        s3.bool("v4auth").filter(v4 -> !v4).ifPresent(v2 -> problems.add(s3.pathOf("v4auth"), "false is not supported:"
                + " Berth signs requests with Signature Version 4"));
        s3.bool("skipverify").filter(skip -> skip).ifPresent(skip -> problems.add(s3.pathOf("skipverify"), "true is not"
                + " supported: Berth verifies the endpoint's certificate with the JVM's trust store"));
        s3.string("storageclass").filter(c -> !c.equals("STANDARD")).ifPresent(c -> problems.add(s3.pathOf("storageclass"),
                "\"" + c + "\" is not supported: Berth stores blobs in the bucket's STANDARD class"));
        if (bucket.isEmpty()) {
            problems.add(s3.pathOf("bucket"), "required: the bucket the blobs go to");
            return Optional.empty();
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            problems.add(s3.pathOf(accessKey.isPresent() ? "secretkey" : "accesskey"), "give accesskey and secretkey"
                    + " together, or neither for the AWS default chain");
            return Optional.empty();
        }
        if (keyId.isPresent() && !encrypt) {
            problems.add(s3.pathOf("keyid"), "needs encrypt: true, as in distribution");
            return Optional.empty();
        }
        try {
            S3BlobStoreOptions.Builder options = S3BlobStoreOptions.builder(bucket.get()).prefix(prefix);
            region.ifPresent(options::region);
            endpoint.ifPresent(e -> options.endpoint(URI.create(e)));
            pathStyle.ifPresent(options::pathStyle);
            if (accessKey.isPresent()) {
                options.credentials(S3Credentials.of(accessKey.get(), secretKey.get()));
            }
            if (encrypt) {
                options.encryption(keyId.isPresent() ? ServerSideEncryption.kms(keyId.get()) : ServerSideEncryption.s3Managed());
            }
            chunkSize.ifPresent(options::partSize);
            if (redirect) {
                options.redirect(REDIRECT_VALIDITY);
            }
            return Optional.of(new StorageConfig.S3(options.build(), display(bucket.get(), prefix)));
        } catch (RuntimeException e) {
            problems.add(s3.pathOf("bucket"), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--storage s3://...: " + name + " takes true or false, not \"" + value + "\"");
        }
        return value.equals("true");
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String display(String bucket, String prefix) {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
