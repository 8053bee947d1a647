package dev.berth.bench;

import dev.berth.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy on a folder, in a process of its own (S3Proxy's Jackson wants other annotations than the benchmark's
 * JVM has): creates the bucket, prints the endpoint, serves until killed. Credentials are
 * {@link S3ProxyServer#ACCESS_KEY} / {@link S3ProxyServer#SECRET_KEY}.
 */
public final class S3ProxyMain {
    private S3ProxyMain() {
    }

    /** @param args the backend's folder, then the bucket to create */
    public static void main(String[] args) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.onFilesystem(Files.createDirectories(Path.of(args[0])));
        s3.createBucket(args[1]);
        System.out.println(s3.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
