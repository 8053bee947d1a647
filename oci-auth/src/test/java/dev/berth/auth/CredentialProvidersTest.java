package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.internal.DockerConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialProvidersTest {
    @TempDir
    Path dir;

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private DockerConfigFile config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new DockerConfigFile(file, List.of(dir.resolve("bin")));
    }

    /** A credential helper: a shell script answering as the protocol says. */
    private void helper(String name, String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path exe = bin.resolve("docker-credential-" + name);
        Files.writeString(exe, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void readsAuthsInEveryForm() throws Exception {
        DockerConfigFile c = config("{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:hubpass") + "\"},"
                + "\"ghcr.io\":{\"username\":\"gh\",\"password\":\"tok\"},"
                + "\"http://localhost:5000/v2/\":{\"auth\":\"" + b64("local:pw:with:colons") + "\"},"
                + "\"acr.example.io\":{\"identitytoken\":\"refresh-me\",\"auth\":\"" + b64("00000000-0000:") + "\"}}}");
        assertEquals(Optional.of(Credential.basic("hubuser", "hubpass")), c.credentialFor("docker.io"));
        assertEquals(Optional.of(Credential.basic("hubuser", "hubpass")), c.credentialFor("index.docker.io"));
        assertEquals(Optional.of(Credential.basic("gh", "tok")), c.credentialFor("ghcr.io"));
        assertEquals(Optional.of(Credential.basic("local", "pw:with:colons")), c.credentialFor("localhost:5000"));
        assertEquals(Optional.of(Credential.identityToken("00000000-0000", "refresh-me")), c.credentialFor("acr.example.io"));
        assertEquals(Optional.empty(), c.credentialFor("quay.io"));
    }

    @Test
    void credHelpersComeFirstAndUseDockerHubsServerUrl() throws Exception {
        helper("fake", "read url; if [ \"$url\" = \"https://index.docker.io/v1/\" ]; then "
                + "echo '{\"ServerURL\":\"x\",\"Username\":\"helped\",\"Secret\":\"s3\"}'; "
                + "elif [ \"$url\" = \"quay.io\" ]; then echo '{\"ServerURL\":\"quay.io\",\"Username\":\"<token>\",\"Secret\":\"idt\"}'; "
                + "else echo 'credentials not found in native keychain'; exit 1; fi");
        DockerConfigFile c = config("{\"auths\":{\"docker.io\":{\"auth\":\"" + b64("file:pw") + "\"}},"
                + "\"credHelpers\":{\"docker.io\":\"fake\",\"quay.io\":\"fake\",\"other.io\":\"fake\"}}");
        assertEquals(Optional.of(Credential.basic("helped", "s3")), c.credentialFor("docker.io"));
        assertEquals(Optional.of(Credential.identityToken("<token>", "idt")), c.credentialFor("quay.io"));
        assertEquals(Optional.empty(), c.credentialFor("other.io"));
    }

    @Test
    void credsStoreIsTheDefaultAndAMissingHelperIsSaidPlainly() throws Exception {
        helper("store", "cat > /dev/null; echo '{\"Username\":\"u\",\"Secret\":\"p\"}'");
        assertEquals(Optional.of(Credential.basic("u", "p")), config("{\"credsStore\":\"store\"}").credentialFor("r.io"));
        CredentialHelperException e = assertThrows(CredentialHelperException.class,
                () -> config("{\"credsStore\":\"desktop\"}").credentialFor("r.io"));
        assertTrue(e.getMessage().contains("docker-credential-desktop is not on PATH"), e.getMessage());
    }

    @Test
    void aFailingHelperIsATypedErrorWithItsFirstLine() throws Exception {
        helper("broken", "echo 'keychain locked'; echo 'more detail'; exit 3");
        CredentialHelperException e = assertThrows(CredentialHelperException.class,
                () -> config("{\"credsStore\":\"broken\"}").credentialFor("r.io"));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("keychain locked"), e.getMessage());
        assertFalse(e.getMessage().contains("more detail"));
        assertThrows(CredentialHelperException.class, () -> config("{\"credsStore\":\"../evil\"}").credentialFor("r.io"));
    }

    @Test
    void badFilesAreTypedErrorsAndMissingOnesKnowNothing() throws Exception {
        assertThrows(CredentialHelperException.class, () -> config("{\"auths\":{\"r.io\":{\"auth\":\"%%%\"}}}").credentialFor("r.io"));
        assertThrows(CredentialHelperException.class, () -> config("{\"auths\":{\"r.io\":{\"auth\":\"" + b64("nocolon") + "\"}}}")
                .credentialFor("r.io"));
        assertEquals(Optional.empty(), new DockerConfigFile(dir.resolve("absent.json"), List.of()).credentialFor("r.io"));
    }

    @Test
    void environmentAndChain() {
        CredentialProvider env = CredentialProviders.environment(Map.of(CredentialProviders.ENV_USERNAME, "u",
                CredentialProviders.ENV_PASSWORD, "p", CredentialProviders.ENV_REGISTRY, "only.io"));
        assertEquals(Optional.of(Credential.basic("u", "p")), env.credentialFor("ONLY.io"));
        assertEquals(Optional.empty(), env.credentialFor("other.io"));
        CredentialProvider chain = CredentialProviders.chain(env, CredentialProviders.of("other.io", Credential.bearer("t")));
        assertEquals(Optional.of(Credential.bearer("t")), chain.credentialFor("other.io"));
        assertEquals(Optional.empty(), chain.credentialFor("third.io"));
    }

    @Test
    void secretsNeverShowInToString() {
        for (Credential c : List.of(Credential.basic("u", "hunter2"), Credential.identityToken("u", "hunter2"),
                Credential.bearer("hunter2"))) {
            assertFalse(c.toString().contains("hunter2"), c.toString());
        }
    }
}
