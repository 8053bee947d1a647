package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.RegistryClient;
import dev.berth.client.inspect.ImageDetails;
import dev.berth.model.Descriptor;
import dev.berth.model.artifact.ArtifactKind;
import dev.berth.model.manifest.ImageManifest;
import dev.berth.model.manifest.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an image's SBOM and vulnerability attestation say, read from the
 * referrers' blobs: the SBOM's package count (SPDX {@code packages}, CycloneDX
 * {@code components}) and the vulnerabilities by severity (a cosign
 * {@code vuln} attestation: Trivy's report in {@code predicate.scanner.result}).
 * In-toto statements and DSSE envelopes around them are opened, as are the
 * layers of cosign's attachment tags (one an attestation). Reads are bounded: at
 * most {@value #MAX_REFERRERS} referrers, {@value #MAX_LAYERS} layers each, blobs
 * of at most {@value #MAX_BLOB} bytes; what cannot be read is left out, never
 * fails the detail.
 */
final class ReferrerSummaries {
    static final int MAX_REFERRERS = 8;
    static final int MAX_BLOB = 4 * 1024 * 1024;
    static final int MAX_LAYERS = 4;
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private ObjectNode sbom;
    private ObjectNode vulnerabilities;

    static ReferrerSummaries read(RegistryClient client, String repository, ImageDetails details) {
        ReferrerSummaries s = new ReferrerSummaries();
        int read = 0;
        for (ImageDetails.Referrer r : details.referrers()) {
            if (read == MAX_REFERRERS || s.complete()) {
                break;
            }
            if (r.kind() != ArtifactKind.SBOM && r.kind() != ArtifactKind.ATTESTATION
                    && r.kind() != ArtifactKind.OTHER_ARTIFACT) {
                continue; // signatures say nothing countable
            }
            read++;
            for (JsonNode doc : layersJson(client, repository, r.digest().toString())) {
                s.summarise(doc);
            }
        }
        return s;
    }

    private boolean complete() {
        return sbom != null && vulnerabilities != null;
    }

    // A referrer holds one document; a cosign attachment tag holds one layer per attestation or SBOM attached.
    private static List<JsonNode> layersJson(RegistryClient client, String repository, String digest) {
        Manifest m;
        try {
            m = client.getManifest(repository, digest);
        } catch (RuntimeException e) {
            return List.of(); // gone or refused: the referrer list still shows it
        }
        if (!(m instanceof ImageManifest image)) {
            return List.of();
        }
        List<JsonNode> docs = new ArrayList<>();
        for (Descriptor layer : image.layers().subList(0, Math.min(MAX_LAYERS, image.layers().size()))) {
            if (layer.size() > MAX_BLOB) {
                continue;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) layer.size());
                client.getBlob(repository, layer, out, dev.berth.client.TransferListener.NONE);
                docs.add(UiJson.MAPPER.readTree(out.toByteArray()));
            } catch (IOException | RuntimeException e) {
                // not JSON, gone, or refused: the other layers may still say something
            }
        }
        return docs;
    }

    private void summarise(JsonNode doc) {
        JsonNode content = unwrap(doc);
        if (content == null || !content.isObject()) {
            return;
        }
        if (sbom == null && content.has("spdxVersion")) {
            sbom = UiJson.object().put("format", "SPDX " + content.path("spdxVersion").asText().replace("SPDX-", ""))
                    .put("packages", content.path("packages").size());
        } else if (sbom == null && "CycloneDX".equalsIgnoreCase(content.path("bomFormat").asText())) {
            sbom = UiJson.object().put("format", "CycloneDX " + content.path("specVersion").asText())
                    .put("packages", content.path("components").size());
        } else if (vulnerabilities == null && content.has("scanner")) {
            vulnerabilities = counts(content.path("scanner").path("result"));
        }
    }

    // DSSE envelope -> in-toto statement -> predicate; a bare document is itself.
    private static JsonNode unwrap(JsonNode doc) {
        JsonNode node = doc;
        if (node.has("payloadType") && node.path("payload").isTextual()) {
            try {
                node = UiJson.MAPPER.readTree(Base64.getDecoder().decode(node.path("payload").asText()));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
        if (node.has("predicate") && (node.has("predicateType") || node.has("_type"))) {
            node = node.path("predicate");
        }
        return node;
    }

    private static ObjectNode counts(JsonNode report) {
        Map<String, Integer> n = new java.util.LinkedHashMap<>();
        for (String s : SEVERITIES) {
            n.put(s, 0);
        }
        for (JsonNode result : report.path("Results")) {
            for (JsonNode v : result.path("Vulnerabilities")) {
                String severity = v.path("Severity").asText("UNKNOWN").toLowerCase(Locale.ROOT);
                n.merge(n.containsKey(severity) ? severity : "unknown", 1, Integer::sum);
            }
        }
        ObjectNode out = UiJson.object();
        for (Iterator<Map.Entry<String, Integer>> it = n.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    ObjectNode sbom() {
        return sbom;
    }

    ObjectNode vulnerabilities() {
        return vulnerabilities;
    }
}
