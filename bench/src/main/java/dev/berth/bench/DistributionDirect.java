package dev.berth.bench;

import dev.berth.model.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The registry's own share of each UI view: the same listings done straight against distribution with the tools a
 * shell user has, each a fresh process as a script runs it. What the UI adds on top is its own cost.
 */
final class DistributionDirect {
    // The catalog page by page, as the distribution API says: follow Link rel="next" until there is none.
    private static final String CATALOG_WALK = """
            set -euo pipefail
            next="/v2/_catalog?n=$PAGE"
            count=0
            while [ -n "$next" ]; do
              headers=$(curl -sSf -D - -o "$TMP/page.json" "$ORIGIN$next" | tr -d '\\r')
              count=$((count + $(jq '.repositories | length' "$TMP/page.json")))
              next=$(printf '%s\\n' "$headers" | sed -n 's/^[Ll]ink: *<\\([^>]*\\)>.*rel="next".*/\\1/p')
            done
            echo "$count"
            """;

    private final String origin;
    private final String hostPort;
    private final Path tmp;

    /** @param origin {@code http://127.0.0.1:PORT} */
    DistributionDirect(String origin, String hostPort, Path tmp) throws IOException {
        this.origin = origin;
        this.hostPort = hostPort;
        this.tmp = Files.createDirectories(tmp);
    }

    /** @return how many repositories the walk found, {@code page} at a time */
    int catalogWalk(int page) throws Exception {
        return Integer.parseInt(Processes.run(List.of("bash", "-c", CATALOG_WALK),
                Map.of("ORIGIN", origin, "PAGE", String.valueOf(page), "TMP", tmp.toString())).trim());
    }

    /** {@code skopeo list-tags}: the tag names, no digests, no dates. */
    void skopeoListTags(String repository) throws Exception {
        Processes.run(List.of("skopeo", "list-tags", "--tls-verify=false", "docker://" + hostPort + "/" + repository));
    }

    /**
     * What a sort by date needs from the registry: every tag's manifest, then every config, {@code parallel} at a time
     * in one curl process each (HTTP keep-alive), bodies discarded.
     */
    void everyManifestAndConfig(String repository, List<UiFill.Tag> tags, int parallel) throws Exception {
        StringBuilder manifests = new StringBuilder();
        StringBuilder configs = new StringBuilder();
        for (UiFill.Tag t : tags) {
            manifests.append("url = \"").append(origin).append("/v2/").append(repository).append("/manifests/").append(t.name())
                    .append("\"\noutput = \"/dev/null\"\n");
            configs.append("url = \"").append(origin).append("/v2/").append(repository).append("/blobs/").append(t.config())
                    .append("\"\noutput = \"/dev/null\"\n");
        }
        Path manifestUrls = Files.writeString(tmp.resolve("manifests.curl"), manifests);
        Path configUrls = Files.writeString(tmp.resolve("configs.curl"), configs);
        curlParallel(manifestUrls, parallel);
        curlParallel(configUrls, parallel);
    }

    /** {@code skopeo inspect --no-tags}: the manifest and the config of one tag. */
    void skopeoInspect(String repository, String tag) throws Exception {
        Processes.run(List.of("skopeo", "inspect", "--no-tags", "--tls-verify=false",
                "docker://" + hostPort + "/" + repository + ":" + tag));
    }

    private static void curlParallel(Path urls, int parallel) throws Exception {
        Processes.run(List.of("curl", "-sSf", "--parallel", "--parallel-immediate", "--parallel-max", String.valueOf(parallel),
                "-H", "Accept: " + MediaType.OCI_MANIFEST, "-K", urls.toString()));
    }
}
