package dev.berth.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.MalformedContentException;
import dev.berth.model.MediaType;
import dev.berth.model.UnsupportedManifestException;

/** Works out which manifest type a document is, trusting its body over the Content-Type header. */
final class ManifestTypes {
    private static final String OCI_ARTIFACT_MANIFEST = "application/vnd.oci.artifact.manifest.v1+json";

    private ManifestTypes() {
    }

    static String detect(ObjectNode root, String contentType) {
        String declared = root.path("mediaType").isTextual() ? MediaType.normalize(root.get("mediaType").textValue()) : "";
        String header = MediaType.normalize(contentType);
        JsonNode schemaVersion = root.get("schemaVersion");
        if ((schemaVersion != null && schemaVersion.isInt() && schemaVersion.intValue() == 1)
                || MediaType.isSchema1(declared) || MediaType.isSchema1(header)) {
            throw new UnsupportedManifestException(MediaType.DOCKER_MANIFEST_SCHEMA1,
                    "Docker image manifest schema 1 is deprecated and not supported;"
                            + " push the image again with a current client to get schema 2 or OCI");
        }
        if (declared.equals(OCI_ARTIFACT_MANIFEST)) {
            throw new UnsupportedManifestException(declared,
                    "the OCI artifact manifest was withdrawn before image-spec 1.1; use an image manifest with artifactType");
        }
        boolean looksLikeIndex = root.path("manifests").isArray();
        boolean looksLikeImage = root.path("config").isObject();
        if (!declared.isEmpty()) {
            if (!MediaType.isManifest(declared)) {
                throw new UnsupportedManifestException(declared, "media type \"" + declared + "\" is not a manifest type");
            }
            return declared;
        }
        if (MediaType.isIndex(header) && looksLikeIndex || MediaType.isImageManifest(header) && looksLikeImage) {
            return header;
        }
        if (looksLikeIndex && !looksLikeImage) {
            return MediaType.OCI_INDEX;
        }
        if (looksLikeImage && !looksLikeIndex) {
            return MediaType.OCI_MANIFEST;
        }
        throw new MalformedContentException("manifest", "",
                looksLikeIndex ? "has both \"config\" and \"manifests\"; cannot tell an image manifest from an index"
                        : "has neither \"config\" nor \"manifests\" and no \"mediaType\"; not a manifest");
    }

    static String documentName(String mediaType) {
        switch (mediaType) {
            case MediaType.OCI_INDEX: return "OCI image index";
            case MediaType.DOCKER_MANIFEST_LIST: return "Docker manifest list";
            case MediaType.DOCKER_MANIFEST: return "Docker image manifest";
            default: return "OCI image manifest";
        }
    }
}
