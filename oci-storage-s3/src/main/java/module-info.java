/**
 * A {@link dev.berth.server.spi.BlobStore} on S3-compatible object storage
 * ({@link dev.berth.server.storage.s3.S3BlobStore}): several registry instances over one bucket are one blob
 * store, an upload started on one instance may be continued and committed on any other. The AWS SDK for Java v2
 * is the S3 client; it does not appear in this module's API, so it is read here but not passed on.
 */
module dev.berth.server.storage.s3 {
    requires transitive dev.berth.server;
    requires org.slf4j;
    // The AWS SDK's jars are automatic modules (named by their manifests' Automatic-Module-Name).
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.utils;

    exports dev.berth.server.storage.s3;
}
