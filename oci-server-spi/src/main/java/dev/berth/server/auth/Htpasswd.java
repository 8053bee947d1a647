package dev.berth.server.auth;

import dev.berth.model.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache htpasswd file with bcrypt hashes ({@code $2y$}, {@code $2a$},
 * {@code $2b$}), as distribution accepts. Other hash formats (MD5, SHA1,
 * crypt, plain) are refused when the file is loaded: they are weak, and
 * distribution refuses them too. The file is read again when it changes (its
 * modification time is looked at once a second at most, not on every request); a
 * line that is not usable then is skipped with a warning (the other users keep
 * working), and a file that cannot be read keeps the users last read.
 *
 * <p>A failed login costs the same whether or not the user exists: an unknown
 * user is checked against a hash of the cost most of the file's entries use.
 * A successful login is remembered for a minute after its last use (see {@link RecentLogins}), so
 * clients that send their credentials with every request pay bcrypt once.
 *
 * <pre>{@code
 * Files.writeString(file, Htpasswd.line("ci", "s3cret") + "\n");
 * Htpasswd users = Htpasswd.load(file);
 * users.authenticate("ci", "s3cret"); // true
 * }</pre>
 */
public final class Htpasswd implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Htpasswd.class);
    private static final int DEFAULT_COST = 10;
    private static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final long CHECK_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    // Compared against for unknown users, one per cost; their passwords are random and thrown away.
    private static final Map<Integer, String> DUMMY_HASHES = new ConcurrentHashMap<>();

    private final Path file;
    private final BiPredicate<String, char[]> bcrypt;
    private final Consumer<String> warn;
    private final RecentLogins recent;
    private final LongSupplier nanoTime;
    private volatile Users users;
    private volatile long checkedAt; // nanoTime of the last look at the file's modification time
    // The last problem warned about, so a file that stays broken is reported once, not on every request.
    private volatile String warned;

    /** What one read of the file gave: the hashes, and the dummy hash unknown users are checked against. */
    private record Users(Map<String, String> hashes, String dummyHash, FileTime modified) {
    }

    // The clock, the bcrypt check and where warnings go are parameters so tests can watch them.
    Htpasswd(Path file, LongSupplier nanoTime, BiPredicate<String, char[]> bcrypt, Consumer<String> warn) {
        this.file = file;
        this.bcrypt = bcrypt;
        this.warn = warn;
        this.recent = new RecentLogins(REMEMBERED.toNanos(), nanoTime);
        this.nanoTime = nanoTime;
        this.users = read(true);
        this.checkedAt = nanoTime.getAsLong();
    }

    /**
     * @param file the htpasswd file
     * @return the loaded file
     * @throws HtpasswdException if it cannot be read or holds a line that is not {@code user:bcrypt-hash}
     */
    public static Htpasswd load(Path file) {
        InvalidArgumentException.requireNonNull(file, "file");
        return new Htpasswd(file, System::nanoTime, OpenBSDBCrypt::checkPassword, LOG::warn);
    }

    /**
     * @param password the user's password, hashed with bcrypt into the line
     * @param username the user's name: not empty, without a colon
     * @return an htpasswd line {@code user:$2y$...} for a new user
     */
    public static String line(String username, String password) {
        if (InvalidArgumentException.requireNonBlank(username, "username").contains(":")) {
            throw new InvalidArgumentException("username", "must not hold ':', as \"" + username + "\" does");
        }
        InvalidArgumentException.requireNonNull(password, "password");
        return username + ":" + hash(password, DEFAULT_COST);
    }

    private static String hash(String password, int cost) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    private static String dummyHash(int cost) {
        return DUMMY_HASHES.computeIfAbsent(cost, c -> {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            return hash(java.util.Base64.getEncoder().encodeToString(b), c);
        });
    }

    @Override
    public boolean authenticate(String username, String password) {
        InvalidArgumentException.requireNonNull(username, "username");
        InvalidArgumentException.requireNonNull(password, "password");
        Users current = current();
        String hash = current.hashes().get(username);
        // An unknown user is checked against the dummy hash, so both paths do the same work.
        return recent.passes(username, password,
                () -> bcrypt.test(hash != null ? hash : current.dummyHash(), password.toCharArray()) && hash != null);
    }

    /** @return the users in the file */
    public Set<String> users() {
        return Set.copyOf(current().hashes().keySet());
    }

    private Users current() {
        Users loaded = users;
        long now = nanoTime.getAsLong();
        if (now - checkedAt < CHECK_INTERVAL_NANOS) {
            return loaded; // a stat per request cost a tenth of a small request's time
        }
        checkedAt = now;
        try {
            if (!Files.getLastModifiedTime(file).equals(loaded.modified())) {
                synchronized (this) {
                    if (users == loaded) {
                        users = read(false);
                        recent.clear();
                    }
                }
            }
        } catch (IOException | HtpasswdException e) {
            warnOnce("cannot read htpasswd file " + file + " (" + e.getMessage() + "); the users last read stay valid");
        }
        return users;
    }

    private void warnOnce(String problem) {
        if (!problem.equals(warned)) {
            warned = problem;
            warn.accept(problem);
        }
    }

    // Loading refuses a bad line; a reload skips it with one warning, so one bad edit does not lock everyone out.
    private Users read(boolean strict) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<String, String> parsed = new HashMap<>();
            List<String> skipped = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String problem = problem(line, i + 1);
                if (problem == null) {
                    int colon = line.indexOf(':');
                    parsed.put(line.substring(0, colon), line.substring(colon + 1));
                } else if (strict) {
                    throw new HtpasswdException(file + " " + problem);
                } else {
                    skipped.add(problem);
                }
            }
            if (!skipped.isEmpty()) {
                warnOnce("htpasswd file " + file + " changed; skipped " + String.join("; ", skipped));
            } else {
                warned = null;
            }
            return new Users(Map.copyOf(parsed), dummyHash(usualCost(parsed)), modified);
        } catch (IOException e) {
            throw new HtpasswdException("cannot read htpasswd file " + file + ": " + e.getMessage());
        }
    }

    // @return what is wrong with a line, naming its number and user but never its hash; null if it is usable
    private static String problem(String line, int number) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return "line " + number + ": expected user:hash";
        }
        if (!BCRYPT.matcher(line.substring(colon + 1)).matches()) {
            return "line " + number + ": user \"" + line.substring(0, colon)
                    + "\" has a hash that is not bcrypt; only bcrypt is accepted (create it with htpasswd -B)";
        }
        return null;
    }

    // The cost most entries use (the higher one on a tie), so an unknown user costs what a typical known one does.
    private static int usualCost(Map<String, String> hashes) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String h : hashes.values()) {
            counts.merge(Integer.parseInt(h.substring(4, 6)), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(DEFAULT_COST);
    }
}
