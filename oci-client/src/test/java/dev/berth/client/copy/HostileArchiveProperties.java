package dev.berth.client.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.client.image.Image;
import dev.berth.client.image.Layer;
import dev.berth.client.layout.OciLayout;
import dev.berth.model.OciException;
import dev.berth.model.Platform;
import dev.berth.model.config.Annotations;
import dev.berth.testsupport.OciLayoutImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile tar archives, as either format: names that climb out or are absolute, links leaving the archive,
 * entries declaring more than the file holds, archives cut short or with bytes flipped. Each gives a typed
 * error (naming the entry where there is one) or, for damage that changes nothing read, a correct copy; and
 * nothing is ever written outside the copy's target.
 */
class HostileArchiveProperties {
    private static final Image IMAGE;

    static {
        try {
            IMAGE = Image.builder(Platform.parse("linux/amd64"))
                    .layer(Layer.gzip(OciLayoutImage.tar("a.txt", "hostile".getBytes(StandardCharsets.UTF_8)))).build();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One tar entry, as raw as a hostile writer makes it. */
    record Raw(String name, char type, String link, byte[] content, long declaredSize) {
        static Raw file(String name, byte[] content) {
            return new Raw(name, '0', "", content, content.length);
        }
    }

    /** What is done to a valid archive. */
    record Attack(String kind, String name, String link, long number, boolean docker) {
    }

    static List<Raw> valid(boolean docker) {
        List<Raw> entries = new ArrayList<>();
        entries.add(Raw.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8)));
        entries.add(Raw.file(blob(IMAGE.config().digest().encoded()), IMAGE.config().bytes()));
        try (var in = IMAGE.layers().get(0).content().open(0)) {
            entries.add(Raw.file(blob(IMAGE.layers().get(0).descriptor().digest().encoded()), in.readAllBytes()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        entries.add(Raw.file(blob(IMAGE.manifest().digest().encoded()), IMAGE.manifest().bytes()));
        entries.add(Raw.file("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + IMAGE.manifest().mediaType() + "\",\"digest\":\"" + IMAGE.manifest().digest() + "\",\"size\":"
                + IMAGE.manifest().size() + ",\"annotations\":{\"" + Annotations.REF_NAME + "\":\"t\"}}]}")
                .getBytes(StandardCharsets.UTF_8)));
        if (docker) {
            entries.add(Raw.file("manifest.json", ("[{\"Config\":\"" + blob(IMAGE.config().digest().encoded())
                    + "\",\"RepoTags\":[\"x/y:1\"],\"Layers\":[\"" + blob(IMAGE.layers().get(0).descriptor()
                    .digest().encoded()) + "\"]}]").getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    static String blob(String hex) {
        return "blobs/sha256/" + hex;
    }

    @Provide
    Arbitrary<String> climbing() {
        Arbitrary<String> prefix = Arbitraries.of("", "./", "blobs/", "blobs/sha256/", "a/b/");
        Arbitrary<String> climb = Arbitraries.of("../", "../../", "a/../../", "./../");
        Arbitrary<String> leaf = Arbitraries.of("x", "evil", "etc/passwd", "blobs/sha256/x");
        return Combinators.combine(prefix, climb, leaf).as((p, c, l) -> p + c + l);
    }

    @Provide
    Arbitrary<Attack> attacks() {
        Arbitrary<Boolean> docker = Arbitraries.of(true, false);
        Arbitrary<Attack> climbingName = Combinators.combine(climbing(), docker)
                .as((n, d) -> new Attack("name", n, "", 0, d));
        Arbitrary<Attack> absolute = Combinators.combine(Arbitraries.of("/x", "/tmp/evil", "/etc/passwd", "//x"), docker)
                .as((n, d) -> new Attack("name", n, "", 0, d));
        Arbitrary<Attack> symlink = Combinators.combine(Arbitraries.of('2', '1'), climbing(),
                        Arbitraries.of("/etc/passwd", "/tmp/x"), Arbitraries.of(true, false), docker)
                .as((type, rel, abs, useAbs, d) -> new Attack("link" + type, "", useAbs ? abs : rel, 0, d));
        Arbitrary<Attack> huge = Combinators.combine(Arbitraries.longs().between(1 << 20, Long.MAX_VALUE / 2), docker)
                .as((n, d) -> new Attack("huge", "blobs/sha256/big", "", n, d));
        Arbitrary<Attack> truncated = Combinators.combine(Arbitraries.longs().between(1, 1_000_000), docker)
                .as((n, d) -> new Attack("truncate", "", "", n, d));
        Arbitrary<Attack> flipped = Combinators.combine(Arbitraries.longs().between(0, 1_000_000), docker)
                .as((n, d) -> new Attack("flip", "", "", n, d));
        return Arbitraries.oneOf(climbingName, absolute, symlink, huge, truncated, flipped);
    }

    @Property(tries = 300)
    void aHostileArchiveGivesATypedErrorAndWritesNothingOutsideTheTarget(@ForAll("attacks") Attack attack)
            throws Exception {
        Path sandbox = Files.createTempDirectory("berth-hostile");
        try {
            Path work = Files.createDirectories(sandbox.resolve("work/inner"));
            Path archive = work.resolve("in.tar");
            Files.write(archive, hostile(attack));
            Path target = sandbox.resolve("target");
            List<Path> before = listing(sandbox);

            ImageLocation source = attack.docker() ? ImageLocation.dockerArchive(archive, "x/y:1")
                    : ImageLocation.ociArchive(archive, "t");
            OciLayout layout = OciLayout.create(target);
            try {
                CopyResult r = ImageCopier.withDefaults().copy(source, ImageLocation.layout(layout, "t"));
                assertTrue(attack.kind().equals("flip") || attack.kind().equals("truncate")
                        || (attack.kind().startsWith("link") && !leaves(attack.link())),
                        "only damage outside what is read, or a link within the archive, may pass: " + attack);
                assertEquals(IMAGE.config().digest(),
                        ((dev.berth.model.manifest.ImageManifest) layout.getManifest("t")).config().digest());
                assertTrue(r.blobs().size() >= 2);
            } catch (OciException e) {
                if (attack.kind().equals("name") || (attack.kind().startsWith("link") && leaves(attack.link()))) {
                    MalformedArchiveException m = assertInstanceOf(MalformedArchiveException.class, e, attack.toString());
                    assertTrue(m.entry().equals(attack.name().isEmpty() ? "hostile-link" : attack.name()),
                            m.entry() + " for " + attack);
                }
                if (attack.kind().equals("huge")) {
                    MalformedArchiveException m = assertInstanceOf(MalformedArchiveException.class, e, attack.toString());
                    assertEquals("blobs/sha256/big", m.entry());
                }
                assertEquals(List.of(), layout.entries(), "a failed copy tags nothing");
            } catch (RuntimeException e) {
                fail("untyped " + e + " for " + attack, e);
            }
            List<Path> after = listing(sandbox);
            after.removeIf(p -> p.startsWith(target));
            before.removeIf(p -> p.startsWith(target));
            assertEquals(before, after, "files outside the target changed for " + attack);
        } finally {
            try (Stream<Path> files = Files.walk(sandbox)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Example
    void theValidArchivesCopy() throws Exception {
        for (boolean docker : List.of(false, true)) {
            aHostileArchiveGivesATypedErrorAndWritesNothingOutsideTheTarget(new Attack("flip", "", "", -1, docker));
        }
    }

    @Example
    void aDockerArchiveWhoseConfigurationDoesNotHashToItsNameIsRefused() throws Exception {
        // byte 1553 lies in the configuration's content: its file name no longer matches its digest
        aHostileArchiveGivesATypedErrorAndWritesNothingOutsideTheTarget(new Attack("flip", "", "", 1553, true));
    }

    // The link entry sits at the archive's root: does its target climb above it?
    static boolean leaves(String link) {
        if (link.startsWith("/")) {
            return true;
        }
        int depth = 0;
        for (String part : link.split("/")) {
            if (part.equals("..")) {
                depth--;
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    @Example
    void aCompressedArchiveIsNamedForWhatItIs() throws Exception {
        Path file = Files.createTempFile("berth-gzipped", ".tar.gz");
        try {
            Files.write(file, OciLayoutImage.gzip(tar(valid(true))));
            MalformedArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(MalformedArchiveException.class,
                    () -> ImageLocation.dockerArchive(file, null).openSource());
            assertTrue(e.getMessage().contains("gunzip it first"), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    static byte[] hostile(Attack a) {
        List<Raw> entries = new ArrayList<>(valid(a.docker()));
        switch (a.kind()) {
            case "name" -> entries.add(1, Raw.file(a.name(), "evil".getBytes(StandardCharsets.UTF_8)));
            case "link1", "link2" -> entries.add(1, new Raw("hostile-link", a.kind().charAt(4), a.link(), new byte[0], 0));
            case "huge" -> entries.add(1, new Raw(a.name(), '0', "", new byte[0], a.number()));
            default -> {
                // the damage is done to the bytes below
            }
        }
        byte[] tar = tar(entries);
        if (a.kind().equals("truncate")) {
            return java.util.Arrays.copyOf(tar, (int) (a.number() % (tar.length - 1024)));
        }
        if (a.kind().equals("flip") && a.number() >= 0) {
            tar[(int) (a.number() % tar.length)] ^= (byte) (1 + a.number() % 255);
        }
        return tar;
    }

    static byte[] tar(List<Raw> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Raw e : entries) {
            byte[] h = new byte[512];
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
            put(h, 100, "0000644\0");
            put(h, 108, "0000000\0");
            put(h, 116, "0000000\0");
            if (e.declaredSize() < 077777777777L) {
                put(h, 124, String.format("%011o\0", e.declaredSize()));
            } else {
                h[124] = (byte) 0x80;
                for (int i = 0; i < 8; i++) {
                    h[135 - i] = (byte) (e.declaredSize() >>> (8 * i));
                }
            }
            put(h, 136, "00000000000\0");
            put(h, 148, "        ");
            h[156] = (byte) e.type();
            byte[] link = e.link().getBytes(StandardCharsets.UTF_8);
            System.arraycopy(link, 0, h, 157, Math.min(100, link.length));
            put(h, 257, "ustar\0");
            put(h, 263, "00");
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o\0 ", sum));
            out.writeBytes(h);
            out.writeBytes(e.content());
            out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }
}
