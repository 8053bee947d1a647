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
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an image's SBOM and vulnerability attestation say, read from the
 * referrers' blobs: the SBOM's package count (SPDX {@code packages}, CycloneDX
 * {@code components}) and the vulnerabilities by severity (a cosign
 * {@code vuln} attestation: Trivy's report in {@code predicate.scanner.result}).
 * In-toto statements and DSSE envelopes around them are opened. Reads are
 * bounded: at most {@value #MAX_REFERRERS} referrers, blobs of at most
 * {@value #MAX_BLOB} bytes; what cannot be read is left out, never fails the detail.
 */
final class ReferrerSummaries {
    static final int MAX_REFERRERS = 8;
    static final int MAX_BLOB = 4 * 1024 * 1024;
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private ObjectNode sbom;
    private ObjectNode vulnerabilities;

    static ReferrerSummaries read(RegistryClient client, String repository, ImageDetails details) {
        ReferrerSummaries s = new ReferrerSummaries();
        int read = 0;
        for (ImageDetails.Referrer r : details.referrers()) {
            if (read == MAX_REFERRERS || (s.sbom != null && s.vulnerabilities != null)) {
                break;
            }
            if (r.kind() != ArtifactKind.SBOM && r.kind() != ArtifactKind.ATTESTATION
                    && r.kind() != ArtifactKind.OTHER_ARTIFACT) {
                continue; // signatures say nothing countable
            }
            read++;
            firstLayerJson(client, repository, r.digest().toString()).ifPresent(s::summarise);
        }
        return s;
    }

    private static Optional<JsonNode> firstLayerJson(RegistryClient client, String repository, String digest) {
        try {
            Manifest m = client.getManifest(repository, digest);
            if (!(m instanceof ImageManifest image) || image.layers().isEmpty()) {
                return Optional.empty();
            }
            Descriptor layer = image.layers().get(0);
            if (layer.size() > MAX_BLOB) {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) layer.size());
            client.getBlob(repository, layer, out, dev.berth.client.TransferListener.NONE);
            return Optional.of(UiJson.MAPPER.readTree(out.toByteArray()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not JSON, gone, or refused: the referrer list still shows it
        }
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
