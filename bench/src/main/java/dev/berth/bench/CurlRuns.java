package dev.berth.bench;

import dev.berth.model.Descriptor;
import dev.berth.model.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The workloads done with raw {@code curl}: what a shell script against the distribution API does. */
final class CurlRuns {
    // One layer: GET it to a file, POST for an upload session, PUT the file there with its digest.
    private static final String COPY_SCRIPT = """
            set -euo pipefail
            copy_one() {
              local d=$1 f="$TMP/${1#sha256:}" loc sep
              curl -sSf -o "$f" "$SRC/blobs/$d"
              loc=$(curl -sSf -X POST -D - -o /dev/null "$DST/blobs/uploads/" | tr -d '\\r' | awk 'tolower($1)=="location:"{print $2}')
              case $loc in http*) ;; *) loc="$ORIGIN$loc" ;; esac
              sep='?'; case $loc in *\\?*) sep='&' ;; esac
              curl -sSf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$f" -o /dev/null "$loc${sep}digest=$d"
            }
            export -f copy_one
            curl -sSf -H "Accept: $MEDIA_TYPE" -o "$TMP/manifest.json" "$SRC/manifests/$TAG"
            jq -r '.config.digest, .layers[].digest' "$TMP/manifest.json" | xargs -P "$THREADS" -n 1 bash -c 'copy_one "$0"'
            curl -sSf -X PUT -H "Content-Type: $MEDIA_TYPE" --data-binary @"$TMP/manifest.json" -o /dev/null "$DST/manifests/$TAG"
            """;

    private final String origin;
    private final List<String> headerArguments;

    /** @param origin {@code http://host:port} */
    CurlRuns(String origin) {
        this(origin, List.of());
    }

    /**
     * @param origin  {@code http://host:port}
     * @param headers sent with every push and pull request, e.g. {@code Authorization: Basic ...}
     */
    CurlRuns(String origin, List<String> headers) {
        this.origin = origin;
        this.headerArguments = headers.stream().flatMap(h -> java.util.stream.Stream.of("-H", h)).toList();
    }

    private List<String> curl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sSf"));
        command.addAll(headerArguments);
        command.addAll(List.of(arguments));
        return command;
    }

    /** POST for a session, then one streaming PUT of the file ({@code -T}) with the digest. */
    void push(String repository, Descriptor blob, Path file) throws Exception {
        String headers = Processes.run(curl("-X", "POST", "-D", "-", "-o", "/dev/null",
                origin + "/v2/" + repository + "/blobs/uploads/"));
        String location = headers.lines().filter(l -> l.toLowerCase().startsWith("location:"))
                .map(l -> l.substring("location:".length()).trim()).findFirst()
                .orElseThrow(() -> new IOException("no Location in " + headers));
        if (!location.startsWith("http")) {
            location = origin + location;
        }
        Processes.run(curl("-X", "PUT", "-H", "Content-Type: application/octet-stream", "-H", "Expect:",
                "-T", file.toString(), "-o", "/dev/null",
                location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest()));
    }

    /** One GET to a file (curl does not check the digest). */
    void pull(String repository, Descriptor blob, Path file) throws Exception {
        Processes.run(curl("-o", file.toString(), origin + "/v2/" + repository + "/blobs/" + blob.digest()));
    }

    /** The script above: manifest GET, each blob GET + POST + PUT ({@code threads} at a time), manifest PUT. */
    void copy(CopySource source, String destination, int threads, Path tmp) throws Exception {
        Files.createDirectories(tmp);
        Processes.run(List.of("bash", "-c", COPY_SCRIPT), Map.of(
                "SRC", origin + "/v2/" + source.repository(), "DST", origin + "/v2/" + destination,
                "ORIGIN", origin, "TAG", source.tag(), "TMP", tmp.toString(), "THREADS", String.valueOf(threads),
                "MEDIA_TYPE", MediaType.OCI_MANIFEST));
    }
}
