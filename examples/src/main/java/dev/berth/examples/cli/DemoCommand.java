package dev.berth.examples.cli;

import dev.berth.client.BlobSource;
import dev.berth.client.RegistryClient;
import dev.berth.client.TransferListener;
import dev.berth.client.copy.CopyResult;
import dev.berth.client.copy.ImageCopier;
import dev.berth.client.copy.ImageLocation;
import dev.berth.client.inspect.ImageDetails;
import dev.berth.client.inspect.ImageInspector;
import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.Extensions;
import dev.berth.model.MediaType;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import dev.berth.model.Reference;
import dev.berth.model.RegistryException;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.artifact.Artifacts;
import dev.berth.model.artifact.CosignTags;
import dev.berth.model.artifact.HelmChart;
import dev.berth.model.artifact.Referrers;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ContainerConfig;
import dev.berth.model.config.HistoryEntry;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.config.ImageMetadata;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import dev.berth.model.manifest.ManifestIndex;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.send.EndpointConfig;
import dev.berth.events.send.EventSender;
import dev.berth.events.send.SenderMetrics;
import dev.berth.events.store.EventQuery;
import dev.berth.events.store.EventStore;
import dev.berth.events.store.InMemoryEventStore;
import dev.berth.model.Page;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code berth demo}: shows the SDK at work end to end with nothing but a JDK.
 * It builds a multi-platform image, a Helm chart and an SBOM referrer with
 * the typed model, reads them back from their bytes as a registry client
 * would, and shows how bad input is refused.
 */
final class DemoCommand implements Command {
    private static final Instant BUILT = Instant.parse("2026-11-22T00:00:00Z");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String synopsis() {
        return "demo [--json]";
    }

    @Override
    public String summary() {
        return "build a multi-platform image, a Helm chart and an SBOM referrer, push them to an embedded registry,"
                + " pull, list, inspect, copy, query referrers and delete, send and receive their push events, show the checks";
    }

    /** Blob bytes by digest and the platform manifests the demo made, for pushing. */
    private final Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    private final List<ImageManifest> platformManifests = new ArrayList<>();

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        blobs.clear();
        platformManifests.clear();
        output.say("Berth demo: OCI content built with oci-model, pushed to Berth's embedded registry, read back.");
        references(output);
        ManifestIndex index = multiPlatformImage(output);
        readBack(output, index);
        ImageManifest chart = helmChart(output);
        ImageManifest sbom = sbomReferrer(output, index);
        embeddedRegistry(output, index, chart, sbom);
        events(output, List.of(pushed("demo/app", "1.4.2", index), pushed("demo/charts/app", "0.3.1", chart),
                pushed("demo/app", "", sbom)));
        refusals(output, index);
    }

    private Descriptor blob(String mediaType, byte[] content) {
        Descriptor d = Descriptor.forContent(mediaType, content);
        blobs.put(d.digest(), content);
        return d;
    }

    private void embeddedRegistry(Output output, ManifestIndex index, ImageManifest chart, ImageManifest sbom) {
        output.section("registry", "Berth's embedded registry, in-process on a free port");
        try (EmbeddedRegistry registry = EmbeddedRegistry.builder().start();
             RegistryClient client = RegistryClient.builder(registry.baseUri().getAuthority()).userAgent("berth-demo").build()) {
            output.item("url", "listening on", registry.baseUri());
            blobs.forEach((digest, bytes) -> client.pushBlob("demo/app", Descriptor.of(MediaType.OCTET_STREAM, digest, bytes.length),
                    BlobSource.of(bytes), TransferListener.NONE));
            for (Descriptor d : List.of(chart.config(), chart.layers().get(0))) {
                client.pushBlob("demo/charts/app", d, BlobSource.of(blobs.get(d.digest())), "demo/app", TransferListener.NONE);
            }
            for (ImageManifest m : platformManifests) {
                client.pushManifest("demo/app", m.digest().toString(), m);
            }
            Digest pushedIndex = client.pushManifest("demo/app", "1.4.2", index).digest();
            client.pushManifest("demo/charts/app", "0.3.1", chart);
            client.pushManifest("demo/app", sbom.digest().toString(), sbom);
            output.item("pushed", "pushed", "2 platform images + index demo/app:1.4.2, chart demo/charts/app:0.3.1 (blobs mounted"
                    + " from demo/app), an SBOM");
            Manifest back = client.getManifest("demo/app", "1.4.2");
            output.item("pulled", "pulled demo/app:1.4.2", back.mediaType() + " " + back.digest().shortForm() + ", digest verified");
            output.item("catalog", "catalog", client.catalog().toList());
            output.item("tags", "tags of demo/app", client.tags("demo/app").toList());
            ImageDetails chartDetails = new ImageInspector(client).inspect("demo/charts/app", "0.3.1");
            output.item("inspected", "inspected the chart", chartDetails.kind() + " " + chartDetails.helmChart()
                    .map(h -> h.name() + " " + h.version()).orElse("?") + ", " + chartDetails.totalSize() + " bytes");
            CopyResult mirrored = ImageCopier.withDefaults().copy(ImageLocation.registry(client, "demo/app", "1.4.2"),
                    ImageLocation.registry(client, "demo/mirror", "1.4.2"));
            output.item("copied", "copied to demo/mirror", mirrored.manifests().size() + " manifests, "
                    + mirrored.blobCount(TransferListener.Outcome.MOUNTED) + " blobs mounted, "
                    + mirrored.blobCount(TransferListener.Outcome.TRANSFERRED) + " sent");
            List<Descriptor> referrers = client.referrers("demo/app", pushedIndex);
            output.item("referrers", "referrers of the index", referrers.size() + " ("
                    + referrers.get(0).artifactType().orElse("?") + ")");
            client.deleteManifest("demo/app", sbom.digest());
            output.item("delete", "SBOM deleted", "referrers now " + client.referrers("demo/app", pushedIndex).size());
            try {
                client.getManifest("demo/app", "9.9.9");
            } catch (RegistryException e) {
                output.item("unknown", "GET an unknown tag", "HTTP " + e.status() + " "
                        + e.errors().stream().map(err -> err.rawCode()).toList());
            }
        }
    }

    private static void references(Output output) {
        output.section("references", "References, normalised as Docker does");
        for (String text : List.of("alpine", "bitnami/redis:7.2", "localhost:5000/team/app:1.0", "[::1]:5000/app@"
                + Digest.sha256(bytes("demo")))) {
            Reference r = Reference.parse(text);
            output.item(text, text, r + "  (registry " + r.registry() + ", repository " + r.repository() + ")");
        }
    }

    private ManifestIndex multiPlatformImage(Output output) {
        output.section("image", "A multi-platform image");
        List<Descriptor> entries = new ArrayList<>();
        for (String p : List.of("linux/amd64", "linux/arm64/v8")) {
            Platform platform = Platform.parse(p);
            byte[] layer = bytes("layer for " + platform);
            ImageConfig config = ImageConfig.builder(platform).created(BUILT).author("Berth demo")
                    .config(new ContainerConfig("1000", Set.of("8080/tcp"), List.of("PATH=/usr/bin", "API_TOKEN=s3cr3t"),
                            List.of("/app/server"), List.of("--port", "8080"), Set.of(), "/app",
                            Map.of("org.label-schema.version", "1.4.2", Annotations.SOURCE, "https://example.com/app.git"),
                            "SIGTERM", Extensions.none()))
                    .diffId(Digest.sha256(layer))
                    .history(HistoryEntry.builder().created(BUILT).createdBy("COPY server /app/server").build())
                    .build();
            ImageManifest manifest = ImageManifest.builder()
                    .config(blob(MediaType.OCI_CONFIG, config.bytes()))
                    .layer(blob(MediaType.OCI_LAYER_TAR, layer))
                    .annotation(Annotations.TITLE, "demo app").annotation(Annotations.CREATED, BUILT.toString())
                    .build();
            platformManifests.add(manifest);
            entries.add(manifest.descriptor().withPlatform(platform));
            output.item(p, p + " manifest", manifest.digest().shortForm() + ", " + manifest.size()
                    + " bytes, image total " + manifest.totalSize() + " bytes");
        }
        ManifestIndex index = ManifestIndex.builder().manifests(entries).build();
        output.item("index", "index", index.digest() + " (" + index.size() + " bytes)");
        output.item("platforms", "platforms", index.platforms());
        output.item("aarch64", "linux/aarch64 resolves to",
                index.find(Platform.parse("linux/aarch64")).map(d -> d.digest().shortForm()).orElse("nothing"));
        return index;
    }

    private static void readBack(Output output, ManifestIndex index) {
        output.section("readBack", "Read back as a registry client would");
        Manifest parsed = Manifest.parse(index.bytes(), "text/plain", index.digest());
        output.item("contentType", "sent as text/plain, read as", parsed.mediaType());
        output.item("digestKept", "digest of exact bytes", parsed.digest().equals(index.digest()) ? "verified" : "CHANGED");
        ImageConfig config = ImageConfig.builder(Platform.parse("linux/amd64"))
                .config(new ContainerConfig("", Set.of(), List.of(), List.of(), List.of(), Set.of(), "",
                        Map.of("org.label-schema.version", "1.4.2"), "", Extensions.none())).build();
        ImageMetadata meta = ImageMetadata.of(Map.of(Annotations.TITLE, "demo app"), config);
        output.item("metadata", "well-known metadata", meta.asMap());
    }

    private ImageManifest helmChart(Output output) {
        output.section("helm", "A Helm chart as an OCI artifact");
        byte[] chartConfig = bytes("{\"apiVersion\":\"v2\",\"name\":\"demo-app\",\"version\":\"0.3.1\","
                + "\"appVersion\":\"1.4.2\",\"description\":\"The demo application\",\"type\":\"application\"}");
        ImageManifest chart = ImageManifest.builder()
                .config(blob(MediaType.HELM_CONFIG, chartConfig))
                .layer(blob(MediaType.HELM_CHART_CONTENT, bytes("chart archive")))
                .build();
        HelmChart meta = HelmChart.parse(chartConfig);
        output.item("kind", "kind", ArtifactKind.of(chart));
        output.item("chart", "chart", meta.name() + " " + meta.version() + " (app " + meta.appVersion().orElse("?") + ")");
        output.item("digest", "manifest", chart.digest().shortForm());
        return chart;
    }

    private ImageManifest sbomReferrer(Output output, ManifestIndex index) {
        output.section("sbom", "An SBOM that refers to the image");
        Descriptor spdx = blob(MediaType.SPDX_JSON, bytes("{\"spdxVersion\":\"SPDX-2.3\"}"));
        blob(MediaType.OCI_EMPTY, Artifacts.EMPTY_JSON);
        ImageManifest sbom = Artifacts.manifest(MediaType.SPDX_JSON, List.of(spdx), index.descriptor(),
                Map.of(Annotations.CREATED, BUILT.toString()));
        ManifestIndex referrers = Referrers.index(List.of(Referrers.entryOf(sbom)));
        output.item("kind", "kind", ArtifactKind.of(sbom));
        output.item("subject", "subject", sbom.subject().orElseThrow().digest().shortForm());
        output.item("referrers", "referrers index", referrers.manifests().size() + " entry, artifactType "
                + referrers.manifests().get(0).artifactType().orElse("?"));
        output.item("fallbackTag", "fallback tag", Referrers.fallbackTag(index.digest()));
        output.item("cosignTag", "cosign signature tag", CosignTags.signatureTag(index.digest()));
        return sbom;
    }

    /** A push event as distribution would send it for this manifest. */
    private static RegistryEvent pushed(String repository, String tag, Manifest manifest) {
        EventTarget target = EventTarget.builder(repository).tag(tag).digest(manifest.digest())
                .mediaType(manifest.mediaType()).size(manifest.size()).length(manifest.size()).build();
        return new RegistryEvent(UUID.randomUUID().toString(), Instant.now(), EventAction.PUSH, target,
                EventRequest.NONE, "demo", EventSource.NONE, EventFormat.DISTRIBUTION);
    }

    private static void events(Output output, List<RegistryEvent> pushes) {
        output.section("events", "Registry events, sent and received over loopback HTTP");
        EventStore store = new InMemoryEventStore();
        try (EventReceiverServer receiver = EventReceiverServer.start(EventReceiver.builder(store).build(),
                new InetSocketAddress("127.0.0.1", 0), EventReceiverServer.DEFAULT_PATH);
             EventSender sender = new EventSender(EndpointConfig.of("demo", receiver.uri()))) {
            pushes.forEach(sender::send);
            sender.send(pushes.get(0)); // a redelivery: stored once
            if (!sender.flush(Duration.ofSeconds(10))) {
                throw new OciException("the demo's events were not delivered within 10 s");
            }
            output.item("receiver", "receiver", receiver.uri());
            SenderMetrics m = sender.metrics();
            output.item("sender", "sender", m.sent() + " sent, " + m.failed() + " failed, " + m.dropped() + " dropped");
            Page<RegistryEvent> page = store.query(EventQuery.all());
            output.item("stored", "stored", store.count(EventQuery.all()) + " events (the redelivery was recognised)");
            List<String> lines = new ArrayList<>();
            page.items().forEach(e -> lines.add(e.summary()));
            output.list("newestFirst", "newest first", lines);
        }
    }

    private static void refusals(Output output, ManifestIndex index) {
        output.section("refusals", "Bad input gets a typed error");
        output.item("reference", "reference team/App:1", failure(() -> Reference.parse("team/App:1")));
        byte[] tampered = index.bytes();
        tampered[tampered.length - 3] ^= 1;
        output.item("tampered", "tampered index", failure(() -> Manifest.parse(tampered, null, index.digest())));
        output.item("schema1", "schema 1 manifest", failure(() -> Manifest.parse(
                bytes("{\"schemaVersion\":1,\"fsLayers\":[]}"), MediaType.DOCKER_MANIFEST_SCHEMA1_SIGNED)));
        output.item("digest", "digest sha256:ABC", failure(() -> Digest.parse("sha256:ABC")));
    }

    private static String failure(Runnable action) {
        try {
            action.run();
            return "accepted (unexpected)";
        } catch (OciException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
