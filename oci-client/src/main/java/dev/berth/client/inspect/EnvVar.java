package dev.berth.client.inspect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One environment variable of an image, its value masked when it looks like a
 * secret: when the name contains PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN,
 * KEY, CREDENTIAL, AUTH, PRIVATE, SESSION, COOKIE, SALT or SIGNATURE (any case),
 * or when the value is a URL carrying a password ({@code scheme://user:pass@host},
 * where only the password is masked).
 *
 * @param name   the variable's name
 * @param value  its value, or {@link #MASK} (or a URL with the password masked)
 * @param masked whether the value shown is not the image's own
 */
public record EnvVar(String name, String value, boolean masked) {
    /** What a secret value is shown as. */
    public static final String MASK = "********";

    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "SESSION", "COOKIE", "SALT", "SIGNATURE");
    private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(@)");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S+)");

    /**
     * @param entry a {@code NAME=value} entry of the image configuration's {@code Env}
     * @return the variable, masked as needed
     */
    public static EnvVar of(String entry) {
        int eq = entry.indexOf('=');
        String name = eq < 0 ? entry : entry.substring(0, eq);
        String value = eq < 0 ? "" : entry.substring(eq + 1);
        if (isSecretName(name) && !value.isEmpty()) {
            return new EnvVar(name, MASK, true);
        }
        String shown = maskUrlPassword(value);
        return new EnvVar(name, shown, !shown.equals(value));
    }

    /**
     * @param name the variable's name, such as {@code GITHUB_TOKEN}
     * @return whether a variable of this name is taken to hold a secret
     */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    /**
     * Masks what looks secret in free text such as a history step's command ({@code RUN |1 TOKEN=abc ...}):
     * the values of secret-looking {@code NAME=value} assignments and URL passwords.
     *
     * @param text the text to mask, such as a history step's {@code created_by}
     * @return the text with those values replaced by {@link #MASK}
     */
    public static String maskText(String text) {
        Matcher m = ASSIGNMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretName(m.group(1)) ? m.group(1) + "=" + MASK : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return maskUrlPassword(out.toString());
    }

    private static String maskUrlPassword(String value) {
        return URL_PASSWORD.matcher(value).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + r.group(3)));
    }

    /** @return {@code NAME=value} as shown */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
