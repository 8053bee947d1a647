package dev.berth.examples.cli;

import dev.berth.model.OciException;
import dev.berth.server.auth.Htpasswd;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one user of {@code berth dev-registry}: {@value #USERNAME}, with a random password made on the first start
 * and kept in a file only its owner can read, so that {@code docker login --password-stdin < FILE} works again
 * after a restart and the password never appears on a command line.
 *
 * @param username the user
 * @param password the password in clear
 * @param passwordFile where it is kept
 * @param htpasswd the registry's htpasswd file holding its bcrypt hash
 */
record DevRegistryLogin(String username, String password, Path passwordFile, Path htpasswd) {
    static final String USERNAME = "dev";

    /**
     * The login kept in {@code passwordFile}, or a new one; {@code htpasswd} is written again when it does not
     * accept the password (deleted, or edited by hand).
     *
     * @return the login in use
     * @throws OciException if the files cannot be read or written
     */
    static DevRegistryLogin keptOrNew(Path passwordFile, Path htpasswd) {
        try {
            String password = Files.exists(passwordFile) ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip() : "";
            if (password.isEmpty()) {
                password = randomPassword();
                writeOwnerOnly(passwordFile, password + "\n");
            } else {
                Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            }
            if (!Files.exists(htpasswd) || !Htpasswd.load(htpasswd).authenticate(USERNAME, password)) {
                writeOwnerOnly(htpasswd, Htpasswd.line(USERNAME, password) + "\n");
            }
            return new DevRegistryLogin(USERNAME, password, passwordFile.toAbsolutePath(), htpasswd.toAbsolutePath());
        } catch (IOException e) {
            throw new OciException("cannot keep the dev registry's login in " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an auth file in the format of Docker's {@code config.json} and containers' {@code auth.json} holding
     * this login for {@code hostPort}: what {@code REGISTRY_AUTH_FILE} (podman, buildah, skopeo) and a Kubernetes
     * {@code kubernetes.io/dockerconfigjson} pull secret read. Readable by its owner only.
     *
     * @param file     where it goes
     * @param hostPort the registry as clients name it
     * @return the file
     * @throws OciException if it cannot be written
     */
    Path writeAuthFile(Path file, String hostPort) {
        String auth = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.putObject("auths").putObject(hostPort).put("auth", auth);
        try {
            writeOwnerOnly(file, entry.toPrettyString() + "\n");
        } catch (IOException e) {
            throw new OciException("cannot write the auth file " + file + ": " + e.getMessage(), e);
        }
        return file.toAbsolutePath();
    }

    // 24 random bytes: 192 bits, in characters that need no quoting in a shell or a URL.
    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // Created with the permissions, then written: the content is never readable by others, not even for a moment.
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, content, StandardCharsets.UTF_8);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "login " + username + " (password in " + passwordFile + ")";
    }
}
