package dev.berth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.manifest.ImageManifest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Tag and catalog listings with any {@code n} and {@code last}, against the
 * memory and the filesystem store: never a 500, the two stores answer alike,
 * and every answer is the right slice of the sorted names, with a Link header
 * exactly when more follow (none for {@code n=0}, as the specification says).
 */
class PaginationProperties {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 10_000;
    private static final NavigableSet<String> TAGS = new TreeSet<>(List.of("1.0", "1.10", "1.9", "A", "_x", "latest", "v2", "v2-rc.1"));
    private static final NavigableSet<String> REPOSITORIES = new TreeSet<>(List.of("p/r", "p/s", "q", "q-1/z"));

    private static Path dir;
    private static EmbeddedRegistry memory;
    private static EmbeddedRegistry filesystem;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("berth-pagination");
        memory = EmbeddedRegistry.builder().start();
        filesystem = EmbeddedRegistry.builder().storage(Storage.filesystem(dir)).start();
        for (EmbeddedRegistry r : List.of(memory, filesystem)) {
            for (String repo : REPOSITORIES) {
                push(r, repo, repo.equals("p/r") ? TAGS : List.of("1"));
            }
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        memory.close();
        filesystem.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void push(EmbeddedRegistry r, String repo, Iterable<String> tags) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(config);
        assertEquals(201, send(r, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, config).statusCode());
        ImageManifest m = ImageManifest.builder().config(Descriptor.of(MediaType.OCI_CONFIG, digest, config.length)).build();
        for (String tag : tags) {
            assertEquals(201, send(r, "PUT", "/v2/" + repo + "/manifests/" + tag, m.bytes()).statusCode());
        }
    }

    private static HttpResponse<byte[]> send(EmbeddedRegistry r, String method, String pathAndQuery, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.baseUri() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (method.equals("PUT")) {
            b.header("Content-Type", MediaType.OCI_MANIFEST);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What a listing answered, reduced to what both stores must agree on. */
    record Answer(int status, String code, List<String> names, Optional<String> link) {
    }

    private static Answer list(EmbeddedRegistry r, boolean catalog, Optional<String> n, Optional<String> last) throws Exception {
        List<String> params = new ArrayList<>();
        n.ifPresent(v -> params.add("n=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        last.ifPresent(v -> params.add("last=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String path = (catalog ? "/v2/_catalog" : "/v2/p/r/tags/list") + (params.isEmpty() ? "" : "?" + String.join("&", params));
        HttpResponse<byte[]> resp = send(r, "GET", path, null);
        JsonNode body = JSON.readTree(resp.body());
        List<String> names = new ArrayList<>();
        body.path(catalog ? "repositories" : "tags").forEach(t -> names.add(t.asText()));
        return new Answer(resp.statusCode(), body.at("/errors/0/code").asText(""), names, resp.headers().firstValue("Link"));
    }

    @Property(tries = 300)
    void anyPageIsTheRightSliceAndNeverAFailure(@ForAll boolean catalog, @ForAll("counts") Optional<String> n,
                                                @ForAll("lasts") Optional<String> last) throws Exception {
        Answer fromMemory = list(memory, catalog, n, last);
        Answer fromDisk = list(filesystem, catalog, n, last);
        assertEquals(fromMemory, fromDisk, "both stores answer alike");
        Optional<Integer> size = n.isEmpty() ? Optional.of(-1) : pageSize(n.get());
        if (size.isEmpty()) {
            assertEquals(new Answer(400, "PAGINATION_NUMBER_INVALID", List.of(), Optional.empty()), fromMemory);
            return;
        }
        NavigableSet<String> all = catalog ? REPOSITORIES : TAGS;
        List<String> after = new ArrayList<>(last.isEmpty() ? all : all.tailSet(last.get(), false));
        int count = size.get() < 0 ? after.size() : Math.min(size.get(), after.size());
        assertEquals(200, fromMemory.status(), fromMemory.toString());
        assertEquals(after.subList(0, count), fromMemory.names());
        boolean more = count > 0 && count < after.size();
        assertEquals(more, fromMemory.link().isPresent(), "a Link exactly when more follow: " + fromMemory);
        fromMemory.link().ifPresent(link -> assertTrue(link.contains("last=" + URLEncoder.encode(after.get(count - 1),
                StandardCharsets.UTF_8)), link));
    }

    // n as the registry accepts it: a whole number from 0 to its page limit
    private static Optional<Integer> pageSize(String n) {
        if (!n.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        int value = Integer.parseInt(n);
        return value <= MAX_PAGE ? Optional.of(value) : Optional.empty();
    }

    @Provide
    Arbitrary<Optional<String>> counts() {
        Arbitrary<String> small = Arbitraries.integers().between(-3, 12).map(String::valueOf);
        Arbitrary<String> edges = Arbitraries.of("0", "00", "-0", "+1", "1.5", "", " 1", "10000", "10001", "2147483648",
                "99999999999", "abc", "0x10", "%");
        Arbitrary<String> garbage = Arbitraries.strings().ascii().ofMaxLength(6);
        return Arbitraries.oneOf(small, edges, garbage).optional(0.9);
    }

    @Provide
    Arbitrary<Optional<String>> lasts() {
        Arbitrary<String> names = Arbitraries.of(new ArrayList<>(TAGS)).injectDuplicates(0.1);
        Arbitrary<String> repositories = Arbitraries.of(new ArrayList<>(REPOSITORIES));
        Arbitrary<String> between = Arbitraries.of("", "0", "1", "1.", "B", "a", "p", "p/r/x", "v3", "~", "\u00e9", "%zz", "a&n=1");
        Arbitrary<String> anything = Arbitraries.strings().ascii().withChars('\u00e9', '\u2028', '\uffff').ofMaxLength(8);
        return Arbitraries.oneOf(names, repositories, between, anything).optional(0.7);
    }
}
