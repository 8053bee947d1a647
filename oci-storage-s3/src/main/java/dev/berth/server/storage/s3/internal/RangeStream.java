package dev.berth.server.storage.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A blob's bytes as S3 sends them. Closed before its end, it drops the connection rather than reading the
 * rest of a large object only to reuse the connection.
 */
public final class RangeStream extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> response;
    private boolean ended;

    /** @param response the GET's answer */
    public RangeStream(ResponseInputStream<GetObjectResponse> response) {
        super(response);
        this.response = response;
    }

    /**
     * @param response a GET's answer, ranged or not
     * @return the whole object's size: from {@code Content-Range} ({@code bytes 5-10/11}) when ranged
     */
    public static long totalSize(GetObjectResponse response) {
        String range = response.contentRange();
        if (range != null) {
            int slash = range.lastIndexOf('/');
            if (slash >= 0 && !range.endsWith("*")) {
                return Long.parseLong(range.substring(slash + 1).trim());
            }
        }
        return response.contentLength();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        super.close();
    }
}
