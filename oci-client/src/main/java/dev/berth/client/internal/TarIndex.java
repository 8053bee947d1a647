package dev.berth.client.internal;

import dev.berth.client.copy.MalformedArchiveException;
import dev.berth.model.OciException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of a tar file, found by reading its headers once: where each regular file's bytes are, so that
 * they can be read in place, again and from any offset, without ever unpacking the archive. Reads ustar, PAX
 * ({@code path}, {@code linkpath}, {@code size}) and GNU long names, as Go's archive/tar (skopeo, docker)
 * writes them. Refuses what it cannot read safely, naming the entry: a bad checksum, an entry cut short or
 * declaring more than the file holds, an absolute name or one with {@code ..}, a link leaving the archive.
 */
public final class TarIndex {
    private static final int BLOCK = 512;
    private static final int MAX_EXTENDED_HEADER = 1024 * 1024;
    private static final int MAX_LINK_HOPS = 16;

    /** A regular file of the archive, or a link to one. */
    public record Entry(String name, long offset, long size, Optional<String> link) {
    }

    private final Path file;
    private final Map<String, Entry> entries;

    private TarIndex(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** @return the archive's file */
    public Path file() {
        return file;
    }

    /**
     * @param file a tar file
     * @return its entries
     * @throws MalformedArchiveException if it is not a tar Berth can read safely
     */
    public static TarIndex read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new TarIndex(file, new Reader(file, ch).entries());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MalformedArchiveException(file, "", "does not exist");
        } catch (IOException e) {
            throw new OciException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param name an entry's name, such as {@code blobs/sha256/ab12...}; links are followed within the archive
     * @return the regular file it names, if there is one
     * @throws MalformedArchiveException if links loop
     */
    public Optional<Entry> find(String name) {
        String at = normalize(name);
        for (int hops = 0; at != null; hops++) {
            Entry e = entries.get(at);
            if (e == null) {
                return Optional.empty();
            }
            if (e.link().isEmpty()) {
                return Optional.of(e);
            }
            if (hops == MAX_LINK_HOPS) {
                throw new MalformedArchiveException(file, name, "links loop or chain more than " + MAX_LINK_HOPS + " times");
            }
            at = e.link().get();
        }
        return Optional.empty();
    }

    /**
     * @param entry  a regular file of the archive
     * @param offset where to start in it
     * @return its bytes from {@code offset}; the caller closes the stream
     * @throws IOException if the archive cannot be read
     */
    public InputStream open(Entry entry, long offset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(entry.offset() + offset);
        return Streams.bounded(Channels.newInputStream(ch), entry.size() - offset);
    }

    /**
     * @param entry a regular file of the archive
     * @param limit the most bytes accepted
     * @return its bytes
     * @throws MalformedArchiveException if it is larger than {@code limit}
     */
    public byte[] readAll(Entry entry, int limit) {
        if (entry.size() > limit) {
            throw new MalformedArchiveException(file, entry.name(), "has " + entry.size() + " bytes, more than the "
                    + limit + " accepted");
        }
        try (InputStream in = open(entry, 0)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new OciException("cannot read " + entry.name() + " of " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return null for a name that climbs out or is absolute, else the name without {@code ./} and trailing /. */
    static String normalize(String name) {
        if (name.startsWith("/") || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                return null;
            }
            parts.addLast(p);
        }
        return String.join("/", parts);
    }

    /** @return {@code link} resolved against {@code dir} (empty or ending in /), or null if it leaves the archive */
    static String resolve(String dir, String link) {
        if (link.startsWith("/") || link.indexOf('\0') >= 0) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (dir + link).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    /** Reads the headers one after the other. */
    private static final class Reader {
        private final Path file;
        private final FileChannel ch;
        private final long length;
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private long position;
        // What a PAX or GNU header says about the next entry.
        private String nextName;
        private String nextLink;
        private long nextSize = -1;

        Reader(Path file, FileChannel ch) throws IOException {
            this.file = file;
            this.ch = ch;
            this.length = ch.size();
        }

        Map<String, Entry> entries() throws IOException {
            if (length == 0) {
                throw new MalformedArchiveException(file, "", "is empty");
            }
            byte[] magic = new byte[2];
            if (length >= 2) {
                read(0, magic, "the first bytes");
            }
            if (GzipStreams.isGzip(magic)) {
                throw new MalformedArchiveException(file, "", "is compressed with gzip (docker save | gzip?): "
                        + "gunzip it first; Berth reads uncompressed tar archives in place");
            }
            while (true) {
                if (position == length) {
                    return entries; // some writers leave out the two zero blocks
                }
                byte[] header = block(position, "header at offset " + position);
                if (isZero(header)) {
                    return entries;
                }
                long start = position;
                checkChecksum(header, start);
                char type = (char) header[156];
                long size = nextSize >= 0 ? nextSize : number(header, 124, 12, start, "size");
                String name = nextName != null ? nextName : headerName(header);
                String link = nextLink != null ? nextLink : text(header, 157, 100);
                long data = start + BLOCK;
                long padded = padded(size, name);
                if (size > length - data) {
                    throw new MalformedArchiveException(file, name, "declares " + size + " bytes but the archive ends "
                            + (length - data) + " bytes after its header");
                }
                position = data + padded;
                if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                    extended(type, name, data, size);
                    continue;
                }
                nextName = null;
                nextLink = null;
                nextSize = -1;
                add(type, name, link, data, size);
            }
        }

        private void add(char type, String rawName, String rawLink, long data, long size) {
            String name = safeName(rawName);
            switch (type) {
                case '0', '\0', '7' -> entries.put(name, new Entry(name, data, size, Optional.empty()));
                case '1' -> entries.put(name, new Entry(name, data, 0, Optional.of(linkTarget(name, rawLink, ""))));
                case '2' -> {
                    int slash = name.lastIndexOf('/');
                    String dir = slash < 0 ? "" : name.substring(0, slash + 1);
                    entries.put(name, new Entry(name, data, 0, Optional.of(linkTarget(name, rawLink, dir))));
                }
                default -> {
                    // directories, devices, FIFOs: nothing to read, and nothing is ever created from them
                }
            }
        }

        private String safeName(String raw) {
            if (raw.isEmpty()) {
                throw new MalformedArchiveException(file, "entry at offset " + (position), "has an empty name");
            }
            if (raw.startsWith("/")) {
                throw new MalformedArchiveException(file, raw, "is an absolute path");
            }
            String name = normalize(raw);
            if (name == null) {
                throw new MalformedArchiveException(file, raw, "climbs out of the archive with ..");
            }
            return name;
        }

        // A symbolic link is relative to its directory, a hard link to the archive's root; neither may leave it.
        private String linkTarget(String name, String raw, String dir) {
            if (raw.isEmpty() || raw.startsWith("/")) {
                throw new MalformedArchiveException(file, name, "links to \"" + raw + "\", outside the archive");
            }
            String target = resolve(dir, raw);
            if (target == null) {
                throw new MalformedArchiveException(file, name, "links to \"" + raw + "\", outside the archive");
            }
            return target;
        }

        private void extended(char type, String name, long data, long size) throws IOException {
            if (size > MAX_EXTENDED_HEADER) {
                throw new MalformedArchiveException(file, name, "an extended header of " + size + " bytes is too large");
            }
            byte[] body = new byte[(int) size];
            read(data, body, name);
            switch (type) {
                case 'L' -> nextName = cString(body);
                case 'K' -> nextLink = cString(body);
                case 'x' -> pax(body, name);
                default -> {
                    // 'g': global PAX values (comments, mtimes) change nothing Berth reads
                }
            }
        }

        // PAX records: "<length> <key>=<value>\n", the length counting the whole record.
        private void pax(byte[] body, String name) {
            int i = 0;
            while (i < body.length) {
                int space = i;
                while (space < body.length && body[space] != ' ') {
                    space++;
                }
                int len;
                try {
                    len = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new MalformedArchiveException(file, name, "a PAX record has no valid length");
                }
                if (len <= space - i + 1 || i + len > body.length || body[i + len - 1] != '\n') {
                    throw new MalformedArchiveException(file, name, "a PAX record's length is wrong");
                }
                String record = new String(body, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
                int eq = record.indexOf('=');
                if (eq < 0) {
                    throw new MalformedArchiveException(file, name, "a PAX record has no '='");
                }
                String key = record.substring(0, eq);
                String value = record.substring(eq + 1);
                switch (key) {
                    case "path" -> nextName = value;
                    case "linkpath" -> nextLink = value;
                    case "size" -> {
                        try {
                            nextSize = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            nextSize = -1;
                        }
                        if (nextSize < 0) {
                            throw new MalformedArchiveException(file, name, "PAX size \"" + value + "\" is not a size");
                        }
                    }
                    default -> {
                        // times, owners, xattrs: not needed to read the content
                    }
                }
                i += len;
            }
        }

        private long padded(long size, String name) {
            if (size > Long.MAX_VALUE - BLOCK) {
                throw new MalformedArchiveException(file, name, "declares " + size + " bytes");
            }
            return (size + BLOCK - 1) / BLOCK * BLOCK;
        }

        private byte[] block(long at, String what) throws IOException {
            byte[] b = new byte[BLOCK];
            read(at, b, what);
            return b;
        }

        private void read(long at, byte[] into, String what) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(into);
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at + buf.position());
                if (n < 0) {
                    throw new MalformedArchiveException(file, what, "is cut short: the archive ends at " + length);
                }
            }
        }

        private void checkChecksum(byte[] h, long at) {
            long want = number(h, 148, 8, at, "checksum");
            long unsigned = 0;
            long signed = 0;
            for (int i = 0; i < BLOCK; i++) {
                byte b = (i >= 148 && i < 156) ? (byte) ' ' : h[i];
                unsigned += b & 0xff;
                signed += b;
            }
            if (want != unsigned && want != signed) {
                throw new MalformedArchiveException(file, "header at offset " + at,
                        "has a wrong checksum (damaged, or not a tar archive)");
            }
        }

        // Octal, NUL- or space-terminated; or GNU base-256 when the high bit of the first byte is set.
        private long number(byte[] h, int off, int len, long at, String field) {
            if ((h[off] & 0x80) != 0) {
                if ((h[off] & 0x40) != 0) {
                    throw new MalformedArchiveException(file, "header at offset " + at, field + " is negative");
                }
                long v = h[off] & 0x3f;
                for (int i = 1; i < len; i++) {
                    if (v > (Long.MAX_VALUE >>> 8)) {
                        throw new MalformedArchiveException(file, "header at offset " + at, field + " is too large");
                    }
                    v = (v << 8) | (h[off + i] & 0xff);
                }
                return v;
            }
            long v = 0;
            int i = off;
            int end = off + len;
            while (i < end && (h[i] == ' ' || h[i] == 0)) {
                i++;
            }
            boolean any = false;
            for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
                if (h[i] < '0' || h[i] > '7') {
                    throw new MalformedArchiveException(file, "header at offset " + at, field + " is not an octal number");
                }
                v = v * 8 + (h[i] - '0');
                any = true;
            }
            if (!any) {
                throw new MalformedArchiveException(file, "header at offset " + at, field + " is empty");
            }
            return v;
        }

        private static String headerName(byte[] h) {
            String name = text(h, 0, 100);
            boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
            String prefix = ustar ? text(h, 345, 155) : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        private static String text(byte[] h, int off, int len) {
            int end = off;
            while (end < off + len && h[end] != 0) {
                end++;
            }
            return new String(h, off, end - off, StandardCharsets.UTF_8);
        }

        private static String cString(byte[] b) {
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        }

        private static boolean isZero(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
