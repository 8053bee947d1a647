package dev.berth.testsupport;

import dev.berth.model.Descriptor;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import dev.berth.model.Platform;
import dev.berth.model.config.Annotations;
import dev.berth.model.config.ImageConfig;
import dev.berth.model.manifest.ImageManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A small, unique image written as an OCI image layout with Berth's model:
 * one gzip layer holding one file, its configuration and manifest. Unique
 * content keeps skopeo from turning the push into a mount from its cache.
 */
public record OciLayoutImage(Path dir, String tag, ImageManifest manifest, Descriptor layer, Descriptor config) {

    public static OciLayoutImage write(Path dir, String tag, String fileContent) throws IOException {
        return write(dir, tag, fileContent, null);
    }

    /** As {@link #write(Path, String, String)}, with the configuration's {@code created} time (null for none). */
    public static OciLayoutImage write(Path dir, String tag, String fileContent, java.time.Instant created) throws IOException {
        byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
        byte[] layerBytes = gzip(tar);
        ImageConfig.Builder configBuilder = ImageConfig.builder(Platform.parse("linux/amd64")).diffId(Digest.sha256(tar));
        if (created != null) {
            configBuilder.created(created);
        }
        ImageConfig config = configBuilder.build();
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, config.digest(), config.bytes().length);
        Descriptor layer = Descriptor.forContent(MediaType.OCI_LAYER_TAR_GZIP, layerBytes);
        ImageManifest manifest = ImageManifest.builder().config(configDescriptor).layer(layer).build();
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.write(blobs.resolve(layer.digest().encoded()), layerBytes);
        Files.write(blobs.resolve(config.digest().encoded()), config.bytes());
        Files.write(blobs.resolve(manifest.digest().encoded()), manifest.bytes());
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":" + manifest.size()
                + ",\"annotations\":{\"" + Annotations.REF_NAME + "\":\"" + tag + "\"}}]}");
        return new OciLayoutImage(dir, tag, manifest, layer, configDescriptor);
    }

    /** @return the skopeo source name, {@code oci:DIR:TAG} */
    public String skopeoName() {
        return "oci:" + dir + ":" + tag;
    }

    /** A POSIX ustar archive with one regular file. */
    public static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644\0");
        put(header, 108, "0000000\0");
        put(header, 116, "0000000\0");
        put(header, 124, String.format("%011o\0", content.length));
        put(header, 136, String.format("%011o\0", 1_700_000_000L));
        put(header, 148, "        ");
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
