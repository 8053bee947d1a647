package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;

/**
 * What {@code berth dev-registry} prints on start: the first line {@code listening on <https URL>}, then what each
 * client needs, as lines to paste. The password is never printed: the login lines read it from its file on stdin,
 * so it lands neither in shell history nor in the process list.
 *
 * @param base         the registry's base URL
 * @param hostPort     the registry as image references name it
 * @param login        the user and where the password is
 * @param caPem        the CA clients trust
 * @param certDir      a directory holding the CA as {@code ca.crt}, for {@code --cert-dir}
 * @param authFile     the login as an auth file
 * @param hosts        containerd's hosts directory entry, written
 * @param browser      the browser's page, with this registry in it
 * @param debug        the metrics listener's base URL
 */
record DevRegistryInstructions(URI base, String hostPort, DevRegistryLogin login, Path caPem, Path certDir, Path authFile,
        ContainerdHostsDir hosts, URI browser, URI debug) {

    /** @return the lines for a human, the first one {@code listening on <https URL>} */
    String text() {
        String password = login.passwordFile().toString();
        Path certsD = hosts.hostsToml().getParent().getParent();
        return "listening on " + base + "\n"
                + "user " + login.username() + ", password in " + password + " (readable by you only)\n"
                + "CA " + caPem + "\n"
                + "\n"
                + "# podman, buildah and skopeo take the CA with --cert-dir " + certDir + ":\n"
                + "podman login --cert-dir " + certDir + " --username " + login.username() + " --password-stdin "
                + hostPort + " < " + password + "\n"
                + "podman push --cert-dir " + certDir + " IMAGE " + hostPort + "/NAME:TAG\n"
                + "# (or, without logging in: REGISTRY_AUTH_FILE=" + authFile + ")\n"
                + "# docker reads the CA from /etc/docker/certs.d:\n"
                + "sudo install -D -m 644 " + caPem + " /etc/docker/certs.d/" + hostPort + "/ca.crt\n"
                + "docker login --username " + login.username() + " --password-stdin " + hostPort + " < " + password + "\n"
                + "\n"
                + "# containerd (ctr --hosts-dir " + certsD + ") reads " + hosts.hostsToml() + ":\n"
                + ContainerdHostsDir.hostsToml(base, true)
                + "\n"
                + "# Kind: mount " + certsD + " at /etc/containerd/certs.d, set the CRI registry config_path to it,"
                + " and give pods a pull secret:\n"
                + "kubectl create secret generic dev-registry --type=kubernetes.io/dockerconfigjson"
                + " --from-file=.dockerconfigjson=" + authFile + "\n"
                + "# and the KEP-1755 ConfigMap that tells the cluster's tools where to push (kubectl apply -f -):\n"
                + LocalRegistryHosting.configMap(hostPort)
                + "\n"
                + "browser " + browser + "\n"
                + "metrics " + debug + "/metrics (health: " + debug + "/debug/health)";
    }

    /** @return the same facts as one JSON object, for scripts ({@code --json}) */
    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("listening", base.toString()).put("registry", hostPort)
                .put("username", login.username()).put("passwordFile", login.passwordFile().toString())
                .put("ca", caPem.toString()).put("certDir", certDir.toString()).put("authFile", authFile.toString())
                .put("hostsToml", hosts.hostsToml().toString())
                .put("configMap", LocalRegistryHosting.configMap(hostPort))
                .put("browser", browser.toString())
                .put("metrics", debug + "/metrics").put("health", debug + "/debug/health");
        return json;
    }
}
