package dev.berth.examples.cli;

/**
 * The {@code kube-public/local-registry-hosting} ConfigMap of KEP-1755 ("Standard for communicating a local
 * registry"), through which tools that build images for a local cluster (Tilt, Skaffold, ...) learn where to push.
 */
final class LocalRegistryHosting {
    /** Kind's page on local registries, the documentation KEP-1755's {@code help} field points a user to. */
    static final String HELP = "https://kind.sigs.k8s.io/docs/user/local-registry/";

    private LocalRegistryHosting() {
    }

    /**
     * @param host the registry as the cluster's users push to it, host[:port]
     * @return the ConfigMap as YAML, ready for {@code kubectl apply -f -}
     */
    static String configMap(String host) {
        return "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: local-registry-hosting\n"
                + "  namespace: kube-public\n"
                + "data:\n"
                + "  localRegistryHosting.v1: |\n"
                + "    host: \"" + host + "\"\n"
                + "    help: \"" + HELP + "\"\n";
    }
}
