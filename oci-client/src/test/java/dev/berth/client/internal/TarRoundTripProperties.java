package dev.berth.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What TarWriter writes, TarIndex reads back: long names (PAX), empty files, sizes across block bounds. */
class TarRoundTripProperties {

    @Provide
    Arbitrary<Map<String, byte[]>> entries() {
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-")
                .ofMinLength(1).ofMaxLength(70).filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> name = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        return Arbitraries.maps(name, content).ofMinSize(1).ofMaxSize(8)
                .filter(m -> m.keySet().stream().noneMatch(a -> m.keySet().stream().anyMatch(b -> b.startsWith(a + "/"))));
    }

    @Property(tries = 100)
    void whatIsWrittenIsReadBack(@ForAll("entries") Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile("berth-tar", ".tar");
        try {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                TarWriter w = new TarWriter(ch);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    w.file(e.getKey(), e.getValue());
                }
                w.finish();
            }
            TarIndex index = TarIndex.read(file);
            Map<String, byte[]> read = new LinkedHashMap<>();
            for (String name : entries.keySet()) {
                TarIndex.Entry entry = index.find(name).orElseThrow(() -> new AssertionError(name + " not found"));
                assertEquals(name, entry.name());
                try (InputStream in = index.open(entry, 0)) {
                    read.put(name, in.readAllBytes());
                }
            }
            for (String name : entries.keySet()) {
                assertArrayEquals(entries.get(name), read.get(name), name);
            }
        } finally {
            Files.delete(file);
        }
    }
}
