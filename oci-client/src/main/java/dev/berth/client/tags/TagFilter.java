package dev.berth.client.tags;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Matches tags against what a user types in a search box, ignoring case: a
 * pattern with {@code *} (any run of characters) or {@code ?} (one character)
 * is a glob that must match the whole tag; anything else matches tags that
 * contain it. An empty pattern matches every tag.
 */
public final class TagFilter {
    private TagFilter() {
    }

    /**
     * @param pattern what the user typed
     * @return whether the pattern is a glob rather than a substring
     */
    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /**
     * @param pattern a substring or a glob; null or empty for all
     * @return the test
     */
    public static Predicate<String> of(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return tag -> true;
        }
        if (!isGlob(pattern)) {
            String needle = pattern.toLowerCase(Locale.ROOT);
            return tag -> tag.toLowerCase(Locale.ROOT).contains(needle);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern glob = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        return tag -> glob.matcher(tag).matches();
    }
}
