package dev.berth.server.storage.s3.internal;

import dev.berth.server.storage.s3.S3BlobStoreOptions;
import dev.berth.server.storage.s3.S3Credentials;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Makes the S3 client and pre-signer from the store's options.
 *
 * <p>The HTTP client is the SDK's {@code url-connection-client}, on the JDK's {@code HttpURLConnection}: it adds
 * no jar beyond the SDK's own (the Apache client brings HttpClient, HttpCore, Commons Codec and Commons Logging;
 * Netty and the CRT are far larger), and the store's traffic suits it: synchronous requests, each one whole part
 * or one blob, whose bodies' lengths are known before they are sent. Its idle connections are the JDK's
 * keep-alive cache (five per host unless the application sets {@code http.maxConnections}).
 *
 * <p>Checksums are sent and checked only where S3 requires them: S3-compatible servers that predate the SDK's
 * default trailing checksums refuse them, and the store verifies every blob's digest itself before it becomes
 * visible.
 */
public final class S3Clients {
    private S3Clients() {
    }

    /**
     * @param options    the store's options
     * @param customizer a last change to the client builder (tests add interceptors); it may do nothing
     * @return a new client
     */
    public static S3Client client(S3BlobStoreOptions options, Consumer<S3ClientBuilder> customizer) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .region(region(options))
                .credentialsProvider(credentials(options.credentials()))
                .forcePathStyle(options.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        options.endpoint().ifPresent(b::endpointOverride);
        customizer.accept(b);
        return b.build();
    }

    /**
     * @param options the store's options
     * @return a new pre-signer for pull redirects
     */
    public static S3Presigner presigner(S3BlobStoreOptions options) {
        S3Presigner.Builder b = S3Presigner.builder()
                .region(region(options))
                .credentialsProvider(credentials(options.credentials()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(options.pathStyle()).build());
        options.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static Region region(S3BlobStoreOptions options) {
        return options.region().map(Region::of).orElseGet(() -> {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkClientException e) {
                return Region.US_EAST_1; // S3-compatible servers mostly ignore the region; AWS answers with a redirect
            }
        });
    }

    private static AwsCredentialsProvider credentials(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.Static s) {
            return StaticCredentialsProvider.create(s.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t ->
                            AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), t))
                    .orElseGet(() -> AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
