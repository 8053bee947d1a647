package dev.berth.server.auth.internal;

import dev.berth.server.auth.AccessPolicyException;
import java.util.ArrayList;
import java.util.List;

/**
 * A glob over repository names: {@code *} matches any run of characters
 * without a slash, {@code **} any run with slashes, both possibly empty; every
 * other character stands for itself. {@code team/**} therefore matches
 * {@code team/app} and {@code team/a/b} but not {@code team}.
 */
public final class RepositoryGlob {
    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789._-/";

    // One piece of the glob: a literal, or a star that does (**) or does not (*) cross slashes.
    private record Token(String literal, boolean spansSlashes) {
        boolean star() {
            return literal == null;
        }
    }

    private final String text;
    private final List<Token> tokens;
    private final boolean everything;

    private RepositoryGlob(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
        this.everything = tokens.size() == 1 && tokens.get(0).star() && tokens.get(0).spansSlashes();
    }

    /**
     * @param glob the glob as written in a rule
     * @return the compiled glob
     * @throws AccessPolicyException if it is empty, has a character a repository name cannot have, or three stars in a row
     */
    public static RepositoryGlob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new AccessPolicyException("a repository glob is empty");
        }
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                int stars = 0;
                while (i < glob.length() && glob.charAt(i) == '*') {
                    stars++;
                    i++;
                }
                if (stars > 2) {
                    throw new AccessPolicyException("repository glob \"" + glob + "\" has " + stars
                            + " stars in a row: * stays within one path segment, ** spans slashes");
                }
                if (literal.length() > 0) {
                    tokens.add(new Token(literal.toString(), false));
                    literal.setLength(0);
                }
                tokens.add(new Token(null, stars == 2));
                continue;
            }
            if (NAME_CHARACTERS.indexOf(c) < 0) {
                throw new AccessPolicyException("repository glob \"" + glob + "\" has '" + c + "' at " + i
                        + ": a glob is made of a repository name's characters (a-z, 0-9, '.', '_', '-', '/'), * and **");
            }
            literal.append(c);
            i++;
        }
        if (literal.length() > 0) {
            tokens.add(new Token(literal.toString(), false));
        }
        return new RepositoryGlob(glob, List.copyOf(tokens));
    }

    /**
     * @param repository a repository name
     * @return whether the glob matches all of it
     */
    public boolean matches(String repository) {
        if (everything) {
            return true;
        }
        if (tokens.size() == 1 && !tokens.get(0).star()) {
            return tokens.get(0).literal().equals(repository);
        }
        if (tokens.size() == 2 && !tokens.get(0).star() && tokens.get(1).star() && tokens.get(1).spansSlashes()) {
            return repository.startsWith(tokens.get(0).literal()); // team/**, the common rule: ** matches any rest
        }
        // reach[i]: the tokens so far can match exactly the first i characters. Linear in the name per token,
        // so no glob can make a match backtrack.
        int length = repository.length();
        boolean[] reach = new boolean[length + 1];
        boolean[] next = new boolean[length + 1];
        reach[0] = true;
        for (Token token : tokens) {
            java.util.Arrays.fill(next, false);
            if (!token.star()) {
                String literal = token.literal();
                for (int i = 0; i + literal.length() <= length; i++) {
                    if (reach[i] && repository.startsWith(literal, i)) {
                        next[i + literal.length()] = true;
                    }
                }
            } else {
                boolean running = false;
                for (int j = 0; j <= length; j++) {
                    running |= reach[j];
                    next[j] = running;
                    if (!token.spansSlashes() && j < length && repository.charAt(j) == '/') {
                        running = false;
                    }
                }
            }
            boolean[] swap = reach;
            reach = next;
            next = swap;
        }
        return reach[length];
    }

    /** @return the glob as written */
    @Override
    public String toString() {
        return text;
    }
}
