package dev.berth.auth.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * An Apache htpasswd file with bcrypt hashes ({@code $2y$}, {@code $2a$},
 * {@code $2b$}), as distribution accepts. Other hash formats (MD5, SHA1,
 * crypt, plain) are refused when the file is read: they are weak, and
 * distribution refuses them too. The file is read again when it changes.
 * Unknown users cost the same bcrypt comparison as known ones, so timing does
 * not reveal which users exist.
 *
 * <pre>{@code
 * Files.writeString(file, Htpasswd.line("ci", "s3cret") + "\n");
 * Htpasswd users = Htpasswd.load(file);
 * users.authenticate("ci", "s3cret"); // true
 * }</pre>
 */
public final class Htpasswd implements Authenticator {
    private static final int DEFAULT_COST = 10;
    // Compared against for unknown users; its password is random and thrown away.
    private static final String DUMMY_HASH = hash(randomPassword(), DEFAULT_COST);

    private final Path file;
    private volatile Map<String, String> users;
    private volatile FileTime loadedModified;

    private Htpasswd(Path file) {
        this.file = file;
        reload();
    }

    /**
     * @param file the htpasswd file
     * @return the loaded file
     * @throws HtpasswdException if it cannot be read or holds a hash that is not bcrypt
     */
    public static Htpasswd load(Path file) {
        return new Htpasswd(file);
    }

    /** @return an htpasswd line {@code user:$2y$...} for a new user */
    public static String line(String username, String password) {
        if (username.isEmpty() || username.contains(":")) {
            throw new IllegalArgumentException("an htpasswd username must be non-empty and without ':'");
        }
        return username + ":" + hash(password, DEFAULT_COST);
    }

    private static String hash(String password, int cost) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    @Override
    public boolean authenticate(String username, String password) {
        reloadIfChanged();
        String hash = users.get(username);
        boolean known = hash != null;
        boolean matches = OpenBSDBCrypt.checkPassword(known ? hash : DUMMY_HASH, password.toCharArray());
        return known && matches;
    }

    /** @return the users in the file */
    public java.util.Set<String> users() {
        reloadIfChanged();
        return java.util.Set.copyOf(users.keySet());
    }

    private void reloadIfChanged() {
        try {
            if (!Files.getLastModifiedTime(file).equals(loadedModified)) {
                reload();
            }
        } catch (IOException e) {
            throw new HtpasswdException("cannot read htpasswd file " + file + ": " + e.getMessage());
        }
    }

    private synchronized void reload() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<String, String> parsed = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new HtpasswdException(file + " line " + (i + 1) + ": expected user:hash");
                }
                String user = line.substring(0, colon);
                String hash = line.substring(colon + 1);
                if (!(hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$")) || hash.length() != 60) {
                    throw new HtpasswdException(file + " line " + (i + 1) + ": user \"" + user
                            + "\" has a hash that is not bcrypt; only bcrypt is accepted (create it with htpasswd -B)");
                }
                parsed.put(user, hash);
            }
            users = Map.copyOf(parsed);
            loadedModified = modified;
        } catch (IOException e) {
            throw new HtpasswdException("cannot read htpasswd file " + file + ": " + e.getMessage());
        }
    }
}
