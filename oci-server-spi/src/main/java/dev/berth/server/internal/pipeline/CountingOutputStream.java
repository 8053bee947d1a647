package dev.berth.server.internal.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes written through it: what the access log and the metrics report as sent. */
public final class CountingOutputStream extends FilterOutputStream {
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

    /** @return the bytes written so far */
    public long count() {
        return count;
    }
}
