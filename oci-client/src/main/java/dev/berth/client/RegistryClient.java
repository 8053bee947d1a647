package dev.berth.client;

import dev.berth.auth.CredentialProvider;
import dev.berth.auth.CredentialProviders;
import dev.berth.auth.RegistryAuthenticator;
import dev.berth.auth.Scope;
import dev.berth.client.internal.BlobDownload;
import dev.berth.client.internal.BlobPush;
import dev.berth.client.internal.Call;
import dev.berth.client.internal.OwnedHttpClients;
import dev.berth.client.internal.RegistryNames;
import dev.berth.client.internal.Listing;
import dev.berth.client.internal.SchemeDiscovery;
import dev.berth.client.internal.Streams;
import dev.berth.client.internal.RequestBody;
import dev.berth.client.internal.Transport;
import dev.berth.client.internal.UploadSession;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.DigestMismatchException;
import dev.berth.model.ErrorCode;
import dev.berth.model.InvalidArgumentException;
import dev.berth.model.InvalidReferenceException;
import dev.berth.model.OciException;
import dev.berth.model.Page;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.model.RegistryException;
import dev.berth.model.SizeMismatchException;
import dev.berth.model.VerifyingInputStream;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.berth.model.ContentIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every distribution-spec operation against one registry: ping, catalog and
 * tag listing, manifests, blobs (streamed, verified while they flow, resumed
 * after a broken download), uploads (existence check, mount, monolithic,
 * chunked with recovery) and referrers (with the tag-schema fallback).
 * Authentication is negotiated through oci-auth as the registry asks;
 * requests that are safe to repeat are retried as {@link RetryPolicy} says.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder("localhost:5000").build();
 *      OutputStream out = Files.newOutputStream(path)) {
 *     Manifest manifest = client.getManifest("team/app", "1.0");
 *     client.getBlob("team/app", ((ImageManifest) manifest).layers().get(0), out, TransferListener.NONE);
 * }
 * }</pre>
 *
 * <p>Thread-safe; one client per registry is meant to be shared, and closed
 * when the application is done with it ({@link #close()}).
 */
public final class RegistryClient implements AutoCloseable {
    /** The page size asked for when listing: the most ECR and distribution accept. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final String registry;
    private final OwnedHttpClients owned = new OwnedHttpClients("berth-http");
    private final Transport transport;
    private final Transport probe;
    private final boolean plainHttpAllowed;
    private final boolean referrersFallback;
    private final BlobPush.Policy uploads;
    private final AtomicReference<RateLimit> rateLimit = new AtomicReference<>();
    private volatile URI base;
    private volatile Boolean referrersApi;

    private RegistryClient(Builder b) {
        this.registry = b.registry;
        HttpClient http = b.http != null ? b.http
                : owned.build(!b.insecure, b.caCertificates, b.proxy, b.connectTimeout);
        RegistryAuthenticator auth = b.authenticator;
        if (auth == null) {
            // Insecure is this registry's alone: a token endpoint on another host is verified, credentials and all.
            HttpClient tokens = b.insecure ? owned.build(true, b.caCertificates, b.proxy, b.connectTimeout) : http;
            RegistryAuthenticator.Builder ab = RegistryAuthenticator.builder().credentials(b.credentials)
                    .httpClient(tokens).userAgent(b.userAgent);
            if (b.insecure) {
                ab.insecureRegistry(b.registry).insecureHttpClient(http);
            }
            auth = ab.build();
        }
        Consumer<RateLimit> listener = b.rateLimitListener; // not the builder: it holds the HTTP client close lets go of
        Consumer<RateLimit> limits = l -> {
            rateLimit.set(l);
            listener.accept(l);
        };
        this.transport = new Transport(http, auth, b.registry, b.retry, b.userAgent, b.requestTimeout, limits);
        this.probe = new Transport(http, auth, b.registry, RetryPolicy.NONE, b.userAgent, b.requestTimeout, limits);
        this.plainHttpAllowed = b.insecure || Reference.isLoopbackRegistry(b.registry);
        this.referrersFallback = b.referrersFallback;
        this.uploads = new BlobPush.Policy(b.chunkSize, b.streamChunkSize);
        this.base = b.baseUri;
    }

    /**
     * @param registry host[:port] as in references ({@code localhost:5000}, {@code ghcr.io}); {@code docker.io}
     *                 is reached at {@code registry-1.docker.io}. An {@code http://} or {@code https://} prefix fixes the scheme.
     * @return a builder with TLS verification on, the default credential chain and the default retries
     */
    public static Builder builder(String registry) {
        return new Builder(registry);
    }

    /** @return the registry, host[:port] */
    public String registry() {
        return registry;
    }

    /**
     * @param reference the reference to check
     * @return whether {@code reference} names this client's registry: the same host and port, where
     *         {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io} are one registry, and
     *         so are {@code localhost}, {@code 127.0.0.1} and {@code [::1]} on one port
     */
    public boolean serves(Reference reference) {
        InvalidArgumentException.requireNonNull(reference, "reference");
        return RegistryNames.same(registry, reference.registry());
    }

    /**
     * @param reference the reference to check
     * @return {@code reference}, checked to name this client's registry ({@link #serves})
     * @throws ForeignReferenceException if it names another registry
     */
    public Reference requireServes(Reference reference) {
        InvalidArgumentException.requireNonNull(reference, "reference");
        if (!serves(reference)) {
            throw new ForeignReferenceException(reference, registry);
        }
        return reference;
    }

    /**
     * Releases what this client made for itself: the JDK HTTP clients it built (none when one was given to
     * {@link Builder#httpClient}: a shared client is left as it is, open) and their thread pool, whose threads
     * stop at once. On Java 17 the JDK's HTTP client cannot be closed: its selector thread ends by itself a few
     * seconds after the client becomes unreachable, which close brings about by dropping every reference this
     * client holds to it; from Java 21 on it is closed too. An authenticator given to {@link Builder#authenticator}
     * is not this client's and keeps its tokens. Afterwards every request fails with
     * {@link IllegalStateException}. Idempotent; a download or upload still running when another thread closes
     * the client may fail.
     */
    @Override
    public void close() {
        transport.close();
        probe.close();
        owned.close();
    }

    /** @return the base URI requests go to, {@code https://host} or, for loopback and insecure registries, maybe {@code http://host} */
    public URI baseUri() {
        URI b = base;
        if (b == null) {
            synchronized (this) {
                if (base == null) {
                    base = SchemeDiscovery.discover(probe, registry, plainHttpAllowed);
                }
                b = base;
            }
        }
        return b;
    }

    /** @return the budget the registry announced on its latest answer, if it announces one (Docker Hub does) */
    public Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit.get());
    }

    private URI uri(String path) {
        return baseUri().resolve(path);
    }

    private static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // Reference's own check names "repository"; a parameter with another name is named in the message.
    private static void requireRepository(String value, String argument) {
        try {
            Reference.requireValidRepository(value);
        } catch (InvalidReferenceException e) {
            throw new InvalidReferenceException(String.valueOf(value), argument + " must name a repository ("
                    + e.getMessage() + ")");
        }
    }

    private static List<Scope> pull(String repository) {
        return List.of(Scope.pull(repository));
    }

    // ---------------------------------------------------------------- ping and listing

    /**
     * Checks that the registry answers on {@code /v2/} and that the credentials work.
     *
     * @return where and how it answered
     * @throws RegistryException            if it answers with an error (e.g. 404: not a registry)
     * @throws RegistryUnreachableException if it does not answer
     */
    public Ping ping() {
        URI v2 = uri("/v2/");
        long start = System.nanoTime();
        HttpResponse<InputStream> r = transport.send(Call.of("GET /v2/", "GET", v2, List.of()));
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (r.statusCode() != 200) {
            throw Transport.error("GET " + v2, r);
        }
        Transport.close(r);
        String scheme = r.request().headers().firstValue("Authorization")
                .map(h -> h.substring(0, Math.max(0, h.indexOf(' '))).toLowerCase()).orElse("none");
        Ping ping = Ping.of(baseUri(), scheme, latency);
        Optional<String> apiVersion = r.headers().firstValue("Docker-Distribution-API-Version");
        return apiVersion.isPresent() ? ping.withApiVersion(apiVersion.get()) : ping;
    }

    /**
     * @return every repository, fetched page by page as the stream is consumed
     */
    public Stream<String> catalog() {
        return catalogListing().all(uri("/v2/_catalog?" + Listing.query(DEFAULT_PAGE_SIZE, null)), DEFAULT_PAGE_SIZE);
    }

    /**
     * @param n the page size to ask for (the registry may answer with more or fewer); positive
     * @return the first page
     */
    public Page<String> catalogPage(int n) {
        return catalogListing().page(uri("/v2/_catalog?" + Listing.query(requirePageSize(n), null)));
    }

    /**
     * @param n    the page size to ask for (the registry may answer with more or fewer); positive
     * @param last the last repository of the previous page ({@link Page#next()})
     * @return the page after {@code last}
     */
    public Page<String> catalogPage(int n, String last) {
        InvalidArgumentException.requireNonBlank(last, "last");
        return catalogListing().page(uri("/v2/_catalog?" + Listing.query(requirePageSize(n), last)));
    }

    private static int requirePageSize(int n) {
        if (n <= 0) {
            throw new InvalidArgumentException("n", "must be positive, not " + n);
        }
        return n;
    }

    /**
     * @param repository e.g. {@code team/app}
     * @return every tag, fetched page by page as the stream is consumed
     */
    public Stream<String> tags(String repository) {
        Reference.requireValidRepository(repository);
        return tagListing(repository).all(uri("/v2/" + repository + "/tags/list?" + Listing.query(DEFAULT_PAGE_SIZE, null)),
                DEFAULT_PAGE_SIZE);
    }

    /**
     * @param repository e.g. {@code team/app}
     * @param n          the page size to ask for; positive
     * @return the first page
     */
    public Page<String> tagsPage(String repository, int n) {
        Reference.requireValidRepository(repository);
        return tagListing(repository).page(uri("/v2/" + repository + "/tags/list?" + Listing.query(requirePageSize(n), null)));
    }

    /**
     * @param repository e.g. {@code team/app}
     * @param n          the page size to ask for; positive
     * @param last       the last tag of the previous page ({@link Page#next()})
     * @return the page after {@code last}
     */
    public Page<String> tagsPage(String repository, int n, String last) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonBlank(last, "last");
        return tagListing(repository).page(uri("/v2/" + repository + "/tags/list?" + Listing.query(requirePageSize(n), last)));
    }

    private Listing catalogListing() {
        return new Listing(transport, "repositories", "GET catalog", List.of(Scope.CATALOG));
    }

    private Listing tagListing(String repository) {
        return new Listing(transport, "tags", "GET tags " + repository, pull(repository));
    }

    // ---------------------------------------------------------------- manifests

    /**
     * GETs a manifest with an Accept header naming every manifest type Berth knows, checking its digest
     * against the one asked for and the registry's {@code Docker-Content-Digest}.
     *
     * @param repository e.g. {@code team/app}
     * @param reference  a tag or a digest
     * @return the manifest, its exact bytes kept
     * @throws RegistryException        e.g. 404 {@code MANIFEST_UNKNOWN}
     * @throws DigestMismatchException  if the bytes do not match a digest
     */
    public Manifest getManifest(String repository, String reference) {
        Reference.requireValidRepository(repository);
        Reference.requireValidTagOrDigest(reference);
        Call get = Call.of("GET manifest " + repository + separator(reference) + reference, "GET",
                uri("/v2/" + repository + "/manifests/" + reference), pull(repository))
                .header("Accept", dev.berth.model.MediaType.MANIFEST_ACCEPT);
        HttpResponse<InputStream> r = transport.send(get);
        if (r.statusCode() != 200) {
            throw Transport.error(get.operation(), r);
        }
        byte[] bytes = Transport.body(get.operation(), r, Manifest.MAX_BYTES);
        Optional<Digest> announced = r.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse);
        if (announced.isPresent() && announced.get().isVerifiable() && !announced.get().matches(bytes)) {
            throw new DigestMismatchException(announced.get(), Digest.compute(announced.get().computableAlgorithm(), bytes));
        }
        String contentType = contentType(r);
        Optional<Digest> requested = Digest.tryParse(reference);
        return requested.isPresent() ? Manifest.parse(bytes, contentType, requested.get()) : Manifest.parse(bytes, contentType);
    }

    /**
     * @param reference names the manifest, in this client's registry
     * @return the manifest {@code reference} names: by its {@link Reference#identifier() identifier}, which is
     *         its digest if it has one (pinned content), else its tag, else {@code latest}
     * @throws ForeignReferenceException if the reference names another registry than this client's
     */
    public Manifest getManifest(Reference reference) {
        requireServes(reference);
        return getManifest(reference.repository(), reference.identifier());
    }

    /**
     * The image manifest for one platform: the manifest itself if it is one, else the index entry that best
     * matches {@code platform}. The manifest is asked for as in {@link #getManifest(Reference)}.
     *
     * @param platform the platform wanted, such as {@code linux/arm64}
     * @param reference names the manifest or index, in this client's registry
     * @return the image manifest for {@code platform}
     * @throws OciException              if an index has no entry for that platform
     * @throws ForeignReferenceException if the reference names another registry than this client's
     */
    public ImageManifest getImageManifest(Reference reference, Platform platform) {
        requireServes(reference);
        InvalidArgumentException.requireNonNull(platform, "platform");
        Manifest m = getManifest(reference);
        if (m instanceof ImageManifest image) {
            return image;
        }
        ManifestIndex index = (ManifestIndex) m;
        Descriptor child = index.find(platform).orElseThrow(() -> new OciException(reference.familiarForm()
                + " has no image for " + platform + "; it has " + index.platforms()));
        Manifest c = getManifest(reference.repository(), child.digest().toString());
        if (c instanceof ImageManifest image) {
            return image;
        }
        throw new OciException(reference.familiarForm() + ": the entry for " + platform + " is itself an index");
    }

    /**
     * HEADs a manifest: its descriptor without its body (on Docker Hub a HEAD does not count as a pull).
     *
     * @param reference a tag or a digest
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return media type, digest and size, or empty if there is no such manifest
     */
    public Optional<Descriptor> statManifest(String repository, String reference) {
        Reference.requireValidRepository(repository);
        Reference.requireValidTagOrDigest(reference);
        Call head = Call.of("HEAD manifest " + repository + separator(reference) + reference, "HEAD",
                uri("/v2/" + repository + "/manifests/" + reference), pull(repository))
                .header("Accept", dev.berth.model.MediaType.MANIFEST_ACCEPT);
        HttpResponse<InputStream> r = transport.send(head);
        Transport.close(r);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw Transport.error(head.operation(), r);
        }
        Optional<Digest> digest = r.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse)
                .or(() -> Digest.tryParse(reference));
        if (digest.isEmpty()) {
            // ECR sends no digest on HEAD: the body tells.
            return Optional.of(getManifest(repository, reference).descriptor());
        }
        long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        return Optional.of(Descriptor.of(contentType(r), digest.get(), Math.max(size, 0)));
    }

    /**
     * PUTs a manifest by tag or by digest. If it has a {@code subject} and the registry does not answer with
     * {@code OCI-Subject} (it has no referrers API), the tag-schema fallback index of the subject is updated,
     * unless the fallback was switched off.
     *
     * @param repository e.g. {@code team/app}
     * @param reference  a tag, or the manifest's digest
     * @param manifest   the manifest; its exact bytes are sent
     * @return the digest and the subject the registry acknowledged
     */
    public PushedManifest pushManifest(String repository, String reference, Manifest manifest) {
        Reference.requireValidRepository(repository);
        Reference.requireValidTagOrDigest(reference);
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        Call put = Call.of("PUT manifest " + repository + separator(reference) + reference, "PUT",
                uri("/v2/" + repository + "/manifests/" + reference), List.of(Scope.push(repository)))
                .header("Content-Type", manifest.mediaType())
                .body(RequestBody.of(manifest.bytes()), true);
        HttpResponse<InputStream> r = transport.send(put);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw Transport.error(put.operation(), r);
        }
        Transport.close(r);
        Optional<Digest> answered = r.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse);
        if (answered.isPresent() && answered.get().algorithm().equals("sha256") && !answered.get().equals(manifest.digest())) {
            throw new DigestMismatchException(manifest.digest(), answered.get());
        }
        Optional<Digest> subject = r.headers().firstValue("OCI-Subject").flatMap(Digest::tryParse);
        if (manifest.subject().isPresent() && subject.isEmpty() && referrersFallback) {
            updateFallbackIndex(repository, manifest.subject().get().digest(), Referrers.entryOf(manifest), true);
        }
        return subject.isPresent() ? PushedManifest.of(manifest.digest()).withSubject(subject.get())
                : PushedManifest.of(manifest.digest());
    }

    /**
     * PUTs a manifest by digest, then under each tag.
     *
     * @param tags the tags to point at it, possibly none
     * @param manifest the manifest, pushed as its exact bytes
     * @param repository the repository to push into
     * @return what the last PUT answered
     */
    public PushedManifest pushManifest(String repository, Manifest manifest, List<String> tags) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(manifest, "manifest");
        InvalidArgumentException.requireNonNull(tags, "tags").forEach(Reference::requireValidTag);
        if (tags.isEmpty()) {
            return pushManifest(repository, manifest.digest().toString(), manifest);
        }
        PushedManifest last = null;
        for (String tag : tags) {
            last = pushManifest(repository, Reference.requireValidTag(tag), manifest);
        }
        return last;
    }

    /**
     * Deletes a manifest by digest (and, for an artifact with a subject on a registry without the
     * referrers API, its entry in the fallback index).
     *
     * @param digest the manifest's digest
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @throws DeletionDisabledException if the registry does not allow deletes
     * @throws RegistryException         e.g. 404 {@code MANIFEST_UNKNOWN}
     */
    public void deleteManifest(String repository, Digest digest) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        Optional<Descriptor> subject = Optional.empty();
        Manifest doomed = null;
        if (referrersFallback && !Boolean.TRUE.equals(referrersApi)) {
            try {
                doomed = getManifest(repository, digest.toString());
                subject = doomed.subject();
            } catch (RegistryException notThereOrNotReadable) {
                // the DELETE below reports it
            }
        }
        delete("DELETE manifest " + repository + "@" + digest, uri("/v2/" + repository + "/manifests/" + digest), repository);
        if (subject.isPresent() && !supportsReferrersApi(repository, subject.get().digest())) {
            updateFallbackIndex(repository, subject.get().digest(), Referrers.entryOf(doomed), false);
        }
    }

    /**
     * Deletes a tag itself (DELETE {@code /manifests/<tag>}), which spec v1.1 registries allow;
     * distribution 2.8 refuses with {@code DIGEST_INVALID}: resolve the digest and delete the manifest there.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param tag the tag to remove
     */
    public void deleteTag(String repository, String tag) {
        Reference.requireValidRepository(repository);
        Reference.requireValidTag(tag);
        delete("DELETE tag " + repository + ":" + tag, uri("/v2/" + repository + "/manifests/" + tag), repository);
    }

    private void delete(String operation, URI uri, String repository) {
        HttpResponse<InputStream> r = transport.send(Call.of(operation, "DELETE", uri, List.of(Scope.delete(repository))));
        if (r.statusCode() == 202 || r.statusCode() == 200 || r.statusCode() == 204) {
            Transport.close(r);
            return;
        }
        RegistryException e = Transport.error(operation, r);
        if (e.status() == 405 || e.hasCode(ErrorCode.UNSUPPORTED)) {
            throw new DeletionDisabledException(operation, e.status(), e.errors());
        }
        throw e;
    }

    private static String contentType(HttpResponse<InputStream> r) {
        return r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
    }

    private static String separator(String reference) {
        return reference.contains(":") ? "@" : ":";
    }

    // ---------------------------------------------------------------- referrers

    /**
     * Lists the referrers of a manifest: the referrers API where the registry has it, else the tag-schema
     * fallback index (unless switched off). A subject nobody refers to gives an empty list.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param subject the digest of the manifest the referrers refer to
     * @return the referrers' descriptors, with their artifact types and annotations
     */
    public List<Descriptor> referrers(String repository, Digest subject) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(subject, "subject");
        return referrersOf(repository, subject, null);
    }

    /**
     * Lists the referrers of a manifest that have one artifact type, as {@link #referrers(String, Digest)} does.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param subject the digest of the manifest the referrers refer to
     * @param artifactType keep only this artifact type, such as {@code application/spdx+json}
     * @return the referrers' descriptors, with their artifact types and annotations
     */
    public List<Descriptor> referrers(String repository, Digest subject, String artifactType) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(subject, "subject");
        InvalidArgumentException.requireNonBlank(artifactType, "artifactType");
        return referrersOf(repository, subject, artifactType);
    }

    private List<Descriptor> referrersOf(String repository, Digest subject, String artifactType) {
        if (!Boolean.FALSE.equals(referrersApi)) {
            String q = artifactType == null ? "" : "?" + query("artifactType", artifactType);
            Call get = Call.of("GET referrers " + repository + "@" + subject.shortForm(), "GET",
                    uri("/v2/" + repository + "/referrers/" + subject + q), pull(repository))
                    .header("Accept", dev.berth.model.MediaType.OCI_INDEX);
            HttpResponse<InputStream> r = transport.send(get);
            if (r.statusCode() == 200) {
                referrersApi = true;
                byte[] bytes = Transport.body(get.operation(), r, Manifest.MAX_BYTES);
                Manifest m = Manifest.parse(bytes, dev.berth.model.MediaType.OCI_INDEX);
                List<Descriptor> entries = m instanceof ManifestIndex i ? i.manifests() : List.of();
                boolean filtered = r.headers().firstValue("OCI-Filters-Applied").map(f -> f.contains("artifactType"))
                        .orElse(false);
                return filtered || artifactType == null ? entries : Referrers.filter(entries, artifactType);
            }
            if (r.statusCode() != 404 && r.statusCode() != 405 && r.statusCode() != 400) {
                throw Transport.error(get.operation(), r);
            }
            Transport.close(r);
            referrersApi = false;
        }
        if (!referrersFallback) {
            return List.of();
        }
        List<Descriptor> fallback = fallbackEntries(repository, subject);
        return artifactType == null ? fallback : Referrers.filter(fallback, artifactType);
    }

    private boolean supportsReferrersApi(String repository, Digest subject) {
        if (referrersApi == null) {
            referrersOf(repository, subject, null);
        }
        return Boolean.TRUE.equals(referrersApi);
    }

    private List<Descriptor> fallbackEntries(String repository, Digest subject) {
        try {
            Manifest m = getManifest(repository, Referrers.fallbackTag(subject));
            // GitLab resolves the fallback tag to the subject itself: that is no index of referrers.
            if (m instanceof ManifestIndex index && !m.digest().equals(subject)) {
                return index.manifests();
            }
            return List.of();
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    // Read, change, write: concurrent pushers of referrers to one subject can lose an entry, as with every client of the scheme.
    private void updateFallbackIndex(String repository, Digest subject, Descriptor entry, boolean add) {
        List<Descriptor> entries = new ArrayList<>(fallbackEntries(repository, subject));
        boolean present = entries.stream().anyMatch(d -> d.digest().equals(entry.digest()));
        if (add == present) {
            return;
        }
        if (add) {
            entries.add(entry);
        } else {
            entries.removeIf(d -> d.digest().equals(entry.digest()));
        }
        ManifestIndex index = Referrers.index(entries);
        pushManifest(repository, Referrers.fallbackTag(subject), index);
    }

    // ---------------------------------------------------------------- blobs: reading

    /**
     * HEADs a blob.
     *
     * @param digest the blob's digest
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return its digest and size (media type {@code application/octet-stream}), or empty if the repository does not have it
     */
    public Optional<Descriptor> statBlob(String repository, Digest digest) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        Call head = Call.of("HEAD blob " + repository + "@" + digest.shortForm(), "HEAD",
                uri("/v2/" + repository + "/blobs/" + digest), pull(repository));
        HttpResponse<InputStream> r = transport.send(head);
        Transport.close(r);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw Transport.error(head.operation(), r);
        }
        return Optional.of(Descriptor.of(dev.berth.model.MediaType.OCTET_STREAM, digest,
                r.headers().firstValueAsLong("Content-Length").orElse(0)));
    }

    /**
     * Streams a blob into {@code out}, verifying its size and digest as it flows. A connection that breaks
     * mid-way is resumed with a Range request (or, if the registry ignores Range, by skipping what arrived).
     * Redirects to other hosts are followed without the Authorization header.
     *
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     * @param out the stream the bytes are written to (not closed)
     * @param blob the blob's descriptor: its digest and size are checked against the bytes received
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @throws DigestMismatchException if the content does not match {@code blob}
     * @throws SizeMismatchException   if it is longer or shorter than {@code blob.size()}
     */
    public void getBlob(String repository, Descriptor blob, OutputStream out, TransferListener listener) {
        InvalidArgumentException.requireNonNull(out, "out");
        download(repository, blob, listener).to(out);
    }

    /**
     * Streams a blob into a channel, verified as in {@link #getBlob(String, Descriptor, OutputStream, TransferListener)}.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param blob the blob's descriptor: its digest and size are checked against the bytes received
     * @param out the channel the bytes are written to (not closed)
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     */
    public void getBlob(String repository, Descriptor blob, java.nio.channels.WritableByteChannel out, TransferListener listener) {
        InvalidArgumentException.requireNonNull(out, "out");
        getBlob(repository, blob, java.nio.channels.Channels.newOutputStream(out), listener);
    }

    /**
     * Downloads a blob to a file. Bytes go to {@code <file>.partial} first; a partial file left by an
     * interrupted download is resumed, and the file appears under its name only once verified.
     *
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @param blob the blob's descriptor: its digest and size are checked against the bytes received
     * @param file where the blob goes; replaced only once it is complete and verified
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     */
    public void getBlob(String repository, Descriptor blob, Path file, TransferListener listener) {
        InvalidArgumentException.requireNonNull(file, "file");
        download(repository, blob, listener).to(file);
    }

    private BlobDownload download(String repository, Descriptor blob, TransferListener listener) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNull(listener, "listener");
        return new BlobDownload(transport, uri("/v2/" + repository + "/blobs/" + blob.digest()), pull(repository), blob, listener);
    }

    /**
     * Opens a blob as a stream that verifies size and digest as it is read (no resume: use
     * {@link #getBlob} for that). The caller closes it.
     *
     * @param blob the blob's descriptor: its digest and size are checked against the bytes received
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return a stream of the blob's bytes; the caller closes it
     */
    public InputStream openBlob(String repository, Descriptor blob) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(blob, "blob");
        HttpResponse<InputStream> r = blobResponse(repository, blob.digest(), null);
        return new VerifyingInputStream(r.body(), blob);
    }

    /**
     * Reads part of a blob with a Range request. A registry that ignores Range is handled by skipping.
     *
     * @param offset the first byte
     * @param length how many bytes
     * @param digest the blob's digest
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @return the bytes, unverified (a part has no digest); the caller closes the stream
     */
    public InputStream openBlobRange(String repository, Digest digest, long offset, long length) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        InvalidArgumentException.requireNonNegative(offset, "offset");
        InvalidArgumentException.requireNonNegative(length, "length");
        HttpResponse<InputStream> r = blobResponse(repository, digest, "bytes=" + offset + "-" + (offset + length - 1));
        InputStream in = r.body();
        try {
            if (r.statusCode() == 200) {
                in.skipNBytes(offset);
            }
        } catch (IOException e) {
            throw Transport.unreachable("GET blob range " + repository + "@" + digest.shortForm(), e);
        }
        return Streams.bounded(in, length);
    }

    private HttpResponse<InputStream> blobResponse(String repository, Digest digest, String range) {
        Reference.requireValidRepository(repository);
        String operation = "GET blob " + repository + "@" + digest.shortForm();
        Call get = Call.of(operation, "GET", uri("/v2/" + repository + "/blobs/" + digest), pull(repository)).asBulk();
        if (range != null) {
            get = get.header("Range", range);
        }
        HttpResponse<InputStream> r = transport.send(get);
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            throw Transport.error(operation, r);
        }
        return r;
    }

    /**
     * Deletes a blob from a repository.
     *
     * @param digest the blob's digest
     * @param repository the repository's name within the registry, such as {@code library/alpine}
     * @throws DeletionDisabledException if the registry does not allow deletes
     */
    public void deleteBlob(String repository, Digest digest) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        delete("DELETE blob " + repository + "@" + digest.shortForm(), uri("/v2/" + repository + "/blobs/" + digest), repository);
    }

    // ---------------------------------------------------------------- blobs: writing

    /**
     * Pushes a blob the way that works on most registries: HEAD it (nothing is sent twice), else upload it
     * in one PUT (or one POST for small blobs where supported), chunked if the client was configured so or
     * the registry refuses the monolithic PUT.
     *
     * @param repository the repository to push into
     * @param blob      its digest and size, checked by the registry
     * @param source    its bytes
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     * @return how it got there
     */
    public TransferListener.Outcome pushBlob(String repository, Descriptor blob, BlobSource source, TransferListener listener) {
        return push(repository, blob, source, null, listener);
    }

    /**
     * Pushes a blob as {@link #pushBlob(String, Descriptor, BlobSource, TransferListener)} does, but first
     * tries to mount it from {@code mountFrom}, which sends no bytes where the registry allows it.
     *
     * @param repository the repository to push into
     * @param blob      its digest and size, checked by the registry
     * @param source    its bytes, sent if the mount is declined
     * @param mountFrom a repository of the same registry that has it
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     * @return how it got there
     */
    public TransferListener.Outcome pushBlob(String repository, Descriptor blob, BlobSource source, String mountFrom,
                                             TransferListener listener) {
        requireRepository(mountFrom, "mountFrom");
        return push(repository, blob, source, mountFrom, listener);
    }

    private TransferListener.Outcome push(String repository, Descriptor blob, BlobSource source, String mountFrom,
                                          TransferListener listener) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(blob, "blob");
        InvalidArgumentException.requireNonNull(source, "source");
        InvalidArgumentException.requireNonNull(listener, "listener");
        if (source.size() != blob.size()) {
            throw new SizeMismatchException(blob.size(), source.size());
        }
        if (alreadyThere(repository, blob.digest())) {
            listener.done(blob, TransferListener.Outcome.ALREADY_PRESENT);
            return TransferListener.Outcome.ALREADY_PRESENT;
        }
        return new BlobPush(transport, baseUri(), repository, uploads).push(blob, source, mountFrom, listener);
    }

    // ECR Public answers a blob HEAD with 401 even to a client allowed to push: an unanswerable check is a "no".
    private boolean alreadyThere(String repository, Digest digest) {
        try {
            return statBlob(repository, digest).isPresent();
        } catch (RegistryException e) {
            if (e.status() == 401 || e.status() == 403) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Pushes a file as a blob.
     *
     * @param file the file whose bytes are the blob
     * @param repository the repository to push into
     * @return its descriptor (media type {@code application/octet-stream})
     */
    public Descriptor pushBlob(String repository, Path file) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(file, "file");
        Digest digest;
        try (InputStream in = Files.newInputStream(file)) {
            digest = Digest.compute(dev.berth.model.DigestAlgorithm.SHA256, in);
        } catch (IOException e) {
            throw new ContentIOException("cannot read " + file, e);
        }
        BlobSource source = BlobSource.of(file);
        Descriptor blob = Descriptor.of(dev.berth.model.MediaType.OCTET_STREAM, digest, source.size());
        push(repository, blob, source, null, TransferListener.NONE);
        return blob;
    }

    /**
     * Pushes bytes as a blob.
     *
     * @param content the blob's bytes
     * @param mediaType the media type the returned descriptor carries (registries do not store it for blobs)
     * @param repository the repository to push into
     * @return the descriptor, with {@code mediaType}
     */
    public Descriptor pushBlob(String repository, String mediaType, byte[] content) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonBlank(mediaType, "mediaType");
        InvalidArgumentException.requireNonNull(content, "content");
        Descriptor blob = Descriptor.forContent(mediaType, content);
        push(repository, blob, BlobSource.of(content), null, TransferListener.NONE);
        return blob;
    }

    /**
     * Links a blob from another repository of this registry without sending it.
     *
     * @param from the repository of this registry that already has the blob
     * @param digest the blob's digest
     * @param repository the repository that is to serve the blob
     * @return true if mounted; false if the registry declined (202), in which case nothing is left open
     */
    public boolean mountBlob(String repository, Digest digest, String from) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(digest, "digest");
        requireRepository(from, "from");
        Optional<UploadSession> declined = new BlobPush(transport, baseUri(), repository, uploads).mount(digest, from);
        declined.ifPresent(UploadSession::cancel);
        return declined.isEmpty();
    }

    /**
     * Starts an upload of content whose length or digest is not known yet: write to the returned stream,
     * then {@link BlobUpload#commit()}.
     *
     * @param listener told of the bytes as they move and of how the blob got there; {@link TransferListener#NONE} for no reports
     * @param repository the repository to upload into
     * @return the open upload: write the content to it, then {@link BlobUpload#commit()}
     */
    public BlobUpload startUpload(String repository, TransferListener listener) {
        Reference.requireValidRepository(repository);
        InvalidArgumentException.requireNonNull(listener, "listener");
        return new BlobUpload(UploadSession.start(transport, baseUri(), repository), uploads.streamChunk(), listener);
    }

    // ---------------------------------------------------------------- configuration

    /** Configures a {@link RegistryClient}. */
    public static final class Builder {
        private final String registry;
        private URI baseUri;
        private CredentialProvider credentials = CredentialProviders.defaults();
        private RegistryAuthenticator authenticator;
        private HttpClient http;
        private boolean insecure;
        private List<Path> caCertificates = List.of();
        private ProxySelector proxy;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private String userAgent = "berth/0.1";
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private boolean referrersFallback = true;
        private long chunkSize;
        private int streamChunkSize = 8 * 1024 * 1024;
        private Consumer<RateLimit> rateLimitListener = l -> { };

        private Builder(String registry) {
            InvalidArgumentException.requireNonBlank(registry, "registry");
            String r = registry;
            if (r.startsWith("http://") || r.startsWith("https://")) {
                URI u = URI.create(r.endsWith("/") ? r : r + "/");
                r = u.getRawAuthority();
                this.baseUri = URI.create(u.getScheme() + "://" + r + "/");
            }
            if (r.contains("/") || r.isEmpty()) {
                throw new InvalidArgumentException("registry", "must be host[:port], not \"" + registry + "\"");
            }
            this.registry = r;
            if (r.equals(Reference.DOCKER_HUB) && baseUri == null) {
                this.baseUri = URI.create("https://registry-1.docker.io/");
            }
        }

        /**
         * @param value where credentials come from
         * @return this builder, asking these providers for credentials (default: {@link CredentialProviders#defaults()})
         */
        public Builder credentials(CredentialProvider value) {
            this.credentials = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the authenticator to share
         * @return this builder, sharing an authenticator (and its token cache) with other clients; credentials are then its own
         */
        public Builder authenticator(RegistryAuthenticator value) {
            this.authenticator = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the HTTP client to share, configured not to follow redirects
         * @return this builder, sharing an HTTP client; it must not follow redirects. TLS and proxy settings are
         *         then its own, and {@link RegistryClient#close()} leaves it open for its other users
         */
        public Builder httpClient(HttpClient value) {
            if (InvalidArgumentException.requireNonNull(value, "value").followRedirects() != HttpClient.Redirect.NEVER) {
                throw new InvalidArgumentException("value", "the HTTP client must not follow redirects: Berth follows them itself,"
                        + " dropping Authorization on the way to another host");
            }
            this.http = value;
            return this;
        }

        /**
         * @param value true to allow plain HTTP and unverified TLS for this registry
         * @return this builder; insecure allows plain HTTP and skips TLS verification for this registry only: a
         *         token endpoint on another host is verified all the same (name that host insecure on an
         *         {@link #authenticator} of your own to skip it there too)
         */
        public Builder insecure(boolean value) {
            this.insecure = value;
            return this;
        }

        /**
         * @param pemFiles PEM files, each holding one or more CA certificates
         * @return this builder, trusting the CA certificates in these PEM files besides the JDK's
         */
        public Builder caCertificates(List<Path> pemFiles) {
            this.caCertificates = List.copyOf(InvalidArgumentException.requireNonNull(pemFiles, "pemFiles"));
            return this;
        }

        /**
         * @param value the proxy selector for every connection to the registry
         * @return this builder, connecting through this proxy selector
         */
        public Builder proxy(ProxySelector value) {
            this.proxy = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value the connect timeout; positive
         * @return this builder, with the longest wait for a connection (default 10 s)
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = requirePositive(value);
            return this;
        }

        /**
         * @param value the response-headers timeout; positive
         * @return this builder, with the longest wait for a response's headers (default 60 s; bodies may take longer)
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = requirePositive(value);
            return this;
        }

        /**
         * @param value the User-Agent header of every request
         * @return this builder, sending this User-Agent
         */
        public Builder userAgent(String value) {
            this.userAgent = InvalidArgumentException.requireNonBlank(value, "value");
            return this;
        }

        /**
         * @param value how often and how long to retry failed requests
         * @return this builder, retrying as {@code value} says (default {@link RetryPolicy#DEFAULT})
         */
        public Builder retry(RetryPolicy value) {
            this.retry = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value true (the default) to use the referrers tag-schema fallback where the registry lacks the referrers API
         * @return this builder; false stops reading and writing the referrers tag-schema fallback
         */
        public Builder referrersFallback(boolean value) {
            this.referrersFallback = value;
            return this;
        }

        /**
         * @param bytes the chunk size in bytes, or 0 for the default
         * @return this builder, uploading blobs in chunks of this many bytes (0, the default: one PUT for content of
         * known size, 8 MiB chunks for streams)
         */
        public Builder chunkSize(long bytes) {
            this.chunkSize = InvalidArgumentException.requireNonNegative(bytes, "bytes");
            return this;
        }

        /**
         * @param value called with each rate limit announced in a response's headers; it should return quickly
         * @return this builder, hearing every rate limit the registry announces
         */
        public Builder rateLimitListener(Consumer<RateLimit> value) {
            this.rateLimitListener = InvalidArgumentException.requireNonNull(value, "value");
            return this;
        }

        private static Duration requirePositive(Duration value) {
            if (InvalidArgumentException.requireNonNull(value, "value").isNegative() || value.isZero()) {
                throw new InvalidArgumentException("value", "must be a positive duration, not " + value);
            }
            return value;
        }

        /** @return the client; nothing is sent until the first call */
        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
