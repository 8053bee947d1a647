package dev.berth.client.peers;

import dev.berth.auth.CredentialProviders;
import dev.berth.client.RegistryClient;
import dev.berth.server.EmbeddedRegistry;
import dev.berth.server.Storage;
import dev.berth.testsupport.DistributionRegistry;
import java.nio.file.Path;

/** The two registries every test runs against: Debian's distribution 2.8 and Berth's own embedded registry. */
public enum Peer {
    DISTRIBUTION, EMBEDDED;

    /** A started registry; closing it stops it. */
    public interface Running extends AutoCloseable {
        /** @return 127.0.0.1:PORT */
        String hostPort();

        /** @return a client without credentials, over plain HTTP */
        default RegistryClient client() {
            return RegistryClient.builder("http://" + hostPort()).credentials(CredentialProviders.chain()).build();
        }

        /** @return the skopeo name of a repository:tag here */
        default String docker(String repositoryAndTag) {
            return "docker://" + hostPort() + "/" + repositoryAndTag;
        }

        @Override
        void close();
    }

    /** Starts this registry with its storage under {@code dir}. */
    public Running start(Path dir) throws Exception {
        if (this == DISTRIBUTION) {
            DistributionRegistry r = DistributionRegistry.builder(dir.resolve("distribution")).start();
            return new Running() {
                public String hostPort() {
                    return r.hostPort();
                }

                public void close() {
                    r.close();
                }
            };
        }
        return embedded(dir, false);
    }

    /** Starts Berth's registry on filesystem storage in {@code dir}, read-only if asked. */
    public static Running embedded(Path dir, boolean readOnly) {
        EmbeddedRegistry r = EmbeddedRegistry.builder().storage(Storage.filesystem(dir.resolve("berth")))
                .readOnly(readOnly).start();
        return new Running() {
            public String hostPort() {
                return r.hostPort();
            }

            public void close() {
                r.close();
            }
        };
    }
}
