package dev.berth.auth;

import dev.berth.model.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} per RFC 7235: several challenges in one
 * header, parameters in any order and case, quoted strings with escapes and
 * commas inside them (scopes), token68, empty list elements. No regular
 * expression, so nothing depends on parameter order.
 */
public final class ChallengeParser {
    private final String text;
    private int pos;

    private ChallengeParser(String text) {
        this.text = text;
    }

    /**
     * @param headerValues every {@code WWW-Authenticate} value of one response
     * @return the challenges, in order
     * @throws ChallengeParseException naming the position of the first error
     */
    public static List<Challenge> parse(List<String> headerValues) {
        InvalidArgumentException.requireNonNull(headerValues, "headerValues");
        List<Challenge> all = new ArrayList<>();
        for (String v : headerValues) {
            all.addAll(parse(v));
        }
        return all;
    }

    /**
     * @param headerValue one {@code WWW-Authenticate} value
     * @return the challenges, in order
     * @throws ChallengeParseException naming the position of the first error
     */
    public static List<Challenge> parse(String headerValue) {
        InvalidArgumentException.requireNonNull(headerValue, "headerValue");
        return new ChallengeParser(headerValue).challenges();
    }

    private List<Challenge> challenges() {
        List<Challenge> result = new ArrayList<>();
        skipSeparators();
        if (pos >= text.length()) {
            throw error("no challenge");
        }
        while (pos < text.length()) {
            String scheme = token("an authentication scheme");
            Map<String, String> params = new LinkedHashMap<>();
            String token68 = "";
            if (pos < text.length() && text.charAt(pos) != ',') {
                if (text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
                    throw error("expected a space after the scheme");
                }
                skipWhitespace();
                int t68End = token68End(pos);
                if (t68End > pos && isListEnd(skipWs(t68End))) {
                    token68 = text.substring(pos, t68End);
                    pos = t68End;
                } else {
                    parseParams(params);
                }
            }
            result.add(new Challenge(scheme, params, token68));
            skipSeparators();
        }
        return result;
    }

    // Parses auth-params until the next challenge begins (a token not followed by '=').
    private void parseParams(Map<String, String> params) {
        while (pos < text.length()) {
            int start = pos;
            String name = token("a parameter name");
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '=') {
                if (params.isEmpty()) {
                    throw error("expected '=' after parameter \"" + name + "\"");
                }
                pos = start; // a new challenge starts here
                return;
            }
            pos++;
            skipWhitespace();
            String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token("a parameter value");
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (params.containsKey(key)) {
                throw error("parameter \"" + name + "\" appears twice");
            }
            params.put(key, value);
            skipWhitespace();
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) != ',') {
                throw error("expected ',' between parameters");
            }
            // Skip the comma(s); then either another parameter or the next challenge follows.
            skipSeparators();
            if (pos < text.length() && !nextIsParam()) {
                return;
            }
        }
    }

    private boolean nextIsParam() {
        int p = pos;
        while (p < text.length() && isTchar(text.charAt(p))) {
            p++;
        }
        p = skipWs(p);
        return p < text.length() && text.charAt(p) == '=';
    }

    private String quoted() {
        StringBuilder s = new StringBuilder();
        int start = pos;
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            s.append(c);
        }
        pos = start;
        throw error("unterminated quoted string");
    }

    private String token(String what) {
        int start = pos;
        while (pos < text.length() && isTchar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    private int token68End(int from) {
        int p = from;
        while (p < text.length() && isToken68Char(text.charAt(p))) {
            p++;
        }
        if (p == from) {
            return from;
        }
        while (p < text.length() && text.charAt(p) == '=') {
            p++;
        }
        return p;
    }

    private boolean isListEnd(int p) {
        return p >= text.length() || text.charAt(p) == ',';
    }

    private int skipWs(int p) {
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private void skipWhitespace() {
        pos = skipWs(pos);
    }

    private void skipSeparators() {
        while (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private static boolean isTchar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static boolean isToken68Char(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-._~+/".indexOf(c) >= 0);
    }

    private ChallengeParseException error(String what) {
        return new ChallengeParseException("malformed WWW-Authenticate at position " + pos + ": " + what
                + " in \"" + text + "\"");
    }
}
