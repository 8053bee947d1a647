package dev.berth.server.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.testsupport.PublicArguments;
import java.lang.reflect.Executable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store's options are set through the builder with plain values; what is not set reads back empty. */
class S3BlobStoreOptionsTest {

    @Test
    void noPublicConstructorOrMethodTakesAnOptional() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : List.of(S3BlobStoreOptions.class, S3BlobStoreOptions.Builder.class)) {
            assertEquals(0, type.getConstructors().length, type.getSimpleName() + " is made by its builder");
            Stream.concat(Arrays.stream(type.getConstructors()), Arrays.stream(type.getMethods()))
                    .filter(m -> Arrays.asList(((Executable) m).getParameterTypes()).contains(Optional.class))
                    .forEach(m -> found.add(type.getSimpleName() + "." + m.getName()));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void whatIsNotSetIsEmptyOrItsDefault() {
        S3BlobStoreOptions options = S3BlobStoreOptions.builder("blobs").build();
        assertEquals("blobs", options.bucket());
        assertEquals("", options.prefix());
        assertEquals(Optional.empty(), options.endpoint());
        assertEquals(Optional.empty(), options.region());
        assertEquals(Optional.empty(), options.redirect());
        assertEquals(false, options.pathStyle());
        assertEquals(S3BlobStoreOptions.DEFAULT_PART_SIZE, options.partSize());
        assertEquals(ServerSideEncryption.bucketDefault(), options.encryption());
    }

    @Test
    void whatIsSetReadsBack() {
        Clock clock = Clock.systemUTC();
        S3BlobStoreOptions options = S3BlobStoreOptions.builder("blobs").prefix("team").endpoint(URI.create("http://127.0.0.1:9000"))
                .region("eu-west-1").pathStyle(true).redirect(Duration.ofMinutes(20)).clock(clock).build();
        assertEquals("team/", options.prefix());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), options.endpoint());
        assertEquals(Optional.of("eu-west-1"), options.region());
        assertEquals(Optional.of(Duration.ofMinutes(20)), options.redirect());
        assertEquals(true, options.pathStyle());
        assertEquals(options, S3BlobStoreOptions.builder("blobs").prefix("team/").endpoint(URI.create("http://127.0.0.1:9000"))
                .region("eu-west-1").pathStyle(true).redirect(Duration.ofMinutes(20)).clock(clock).build());
    }

    @Test
    void aMissingValueIsATypedErrorNamingIt() {
        List<String> failures = new ArrayList<>();
        PublicArguments check = PublicArguments.with(Map.of(URI.class, URI.create("http://127.0.0.1:9000"),
                        S3Credentials.class, S3Credentials.defaultChain(), ServerSideEncryption.class,
                        ServerSideEncryption.s3Managed(), Duration.class, Duration.ofMinutes(1), Clock.class, Clock.systemUTC()))
                .strings(Map.of("bucket", "blobs", "prefix", "team/", "region", "eu-west-1"))
                // blank text: an empty prefix is the bucket's root; a blank bucket or region is refused by S3's rules
                .blankAllowed("bucket", "prefix", "region")
                .skip("partSize"); // its bound is checked, with the others, by build()
        failures.addAll(check.check(S3BlobStoreOptions.class, (Object) null));
        failures.addAll(check.check(S3BlobStoreOptions.Builder.class, t -> S3BlobStoreOptions.builder("blobs")));
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
