package dev.berth.testsupport;

import dev.berth.model.Digest;
import java.nio.charset.StandardCharsets;

/** What cosign writes for a signature in its default tag mode, for tests to push as cosign would. */
public final class CosignFixtures {
    /** The annotation on a signature layer that holds the signature. */
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

    private CosignFixtures() {
    }

    /** @return cosign's configuration blob: typed as an image configuration, with an empty os and architecture */
    public static byte[] config() {
        return ("{\"architecture\":\"\",\"config\":{},\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param subject the signed manifest
     * @return the simple-signing payload cosign signs for it
     */
    public static byte[] signaturePayload(Digest subject) {
        return ("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + subject + "\"},"
                + "\"type\":\"cosign container image signature\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
