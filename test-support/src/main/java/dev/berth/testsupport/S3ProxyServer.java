package dev.berth.testsupport;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy (org.gaul:s3proxy, Jetty inside) in this JVM as an S3 endpoint on 127.0.0.1 and a free port, with
 * AWS signature checking on ({@link #ACCESS_KEY} / {@link #SECRET_KEY}). Its backend is in memory or a folder.
 * Needs {@code org.gaul:s3proxy} in the test scope of the module that uses it (test-support does not pass it on).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "berth-test";
    public static final String SECRET_KEY = "berth-test-secret";

    private final S3Proxy proxy;
    private final BlobStore backend;
    private final URI endpoint;

    private S3ProxyServer(BlobStore backend) throws Exception {
        this.backend = backend;
        this.proxy = S3Proxy.builder()
                .blobStore(backend)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts S3Proxy on an in-memory backend, gone when it stops. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(new TransientNio2BlobStore());
    }

    /** Starts S3Proxy on a folder: buckets are its subfolders, objects files in them. */
    public static S3ProxyServer onFilesystem(Path dir) throws Exception {
        return new S3ProxyServer(new FilesystemNio2BlobStore(dir.toString()));
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    public URI endpoint() {
        return endpoint;
    }

    /** Creates a bucket, as an administrator would before pointing a store at it. */
    public void createBucket(String name) {
        backend.createContainer(name);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
