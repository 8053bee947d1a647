package dev.berth.server.internal.pipeline;

import dev.berth.server.internal.http.FileRegion;
import dev.berth.server.internal.http.FileSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/** Counts the bytes written through it: what the access log and the metrics report as sent. */
public final class CountingOutputStream extends FilterOutputStream implements FileSink {
    private long count;

    /** @param out where the bytes go */
    public CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    /** Passes a file region on whole where the stream below takes one, so that counting costs no copy. */
    @Override
    public void transferFrom(FileChannel file, long position, long count) throws IOException {
        FileRegion.send(file, position, count, out);
        this.count += count;
    }

    /** @return the bytes written so far */
    public long count() {
        return count;
    }
}
