package dev.berth.client.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.client.DeletionDisabledException;
import dev.berth.client.RegistryClient;
import dev.berth.client.peers.Peer;
import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryException;
import dev.berth.model.manifest.ImageManifest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tag deletion by digest, naming the tags that go with it, against both registries. */
class TagDeleterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Peer.class)
    void deletingATagNamesTheSiblingTagsThatGoWithIt(Peer peer) throws Exception {
        try (Peer.Running registry = peer.start(dir)) {
            RegistryClient client = registry.client();
            ImageManifest shared = TinyImages.push(client, "app", "1.0", T0);
            client.pushManifest("app", "stable", shared);
            client.pushManifest("app", "latest", shared);
            ImageManifest other = TinyImages.push(client, "app", "0.9", T0);
            TagDeleter deleter = new TagDeleter(client, 2);

            TagDeletion plan = deleter.plan("app", "stable");
            assertFalse(plan.deleted());
            assertEquals(shared.digest(), plan.manifest().digest());
            assertEquals(List.of("1.0", "latest"), plan.alsoRemoved().stream().sorted().toList());

            TagDeletion done = deleter.delete("app", "stable");
            assertTrue(done.deleted());
            assertEquals(plan.alsoRemoved().stream().sorted().toList(), done.alsoRemoved().stream().sorted().toList());
            assertTrue(client.statManifest("app", shared.digest().toString()).isEmpty());
            assertEquals(List.of("0.9"), client.tags("app").toList());
            assertEquals(other.digest(), client.statManifest("app", "0.9").orElseThrow().digest());

            RegistryException missing = assertThrows(RegistryException.class, () -> deleter.delete("app", "stable"));
            assertEquals(404, missing.status());
            assertTrue(missing.hasCode(ErrorCode.MANIFEST_UNKNOWN));
        }
    }

    @Test
    void aRegistryThatRefusesDeletesSaysSoClearly() throws Exception {
        try (Peer.Running writable = Peer.embedded(dir, false)) {
            TinyImages.push(writable.client(), "app", "1.0", T0);
        }
        try (Peer.Running readOnly = Peer.embedded(dir, true)) {
            TagDeleter deleter = new TagDeleter(readOnly.client());
            assertEquals(List.of(), deleter.plan("app", "1.0").alsoRemoved());
            DeletionDisabledException e = assertThrows(DeletionDisabledException.class, () -> deleter.delete("app", "1.0"));
            assertEquals(405, e.status());
            assertTrue(e.getMessage().contains("deletion is disabled"), e.getMessage());
            assertTrue(readOnly.client().statManifest("app", "1.0").isPresent());
        }
    }
}
