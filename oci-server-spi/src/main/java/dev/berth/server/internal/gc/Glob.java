package dev.berth.server.internal.gc;

import java.util.regex.Pattern;

/**
 * A name pattern as the registry's settings write them: {@code **} matches
 * anything, slashes included; {@code *} matches anything but a slash;
 * everything else matches itself.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    /**
     * @param text the pattern
     * @return the glob
     * @throws IllegalArgumentException if the pattern is empty
     */
    public static Glob of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a name pattern must not be empty");
        }
        return new Glob(text);
    }

    /**
     * @param name a repository name or tag
     * @return whether the whole name matches
     */
    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
