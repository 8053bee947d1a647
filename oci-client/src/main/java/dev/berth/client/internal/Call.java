package dev.berth.client.internal;

import dev.berth.auth.Scope;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request a client wants answered, described so that {@link Transport}
 * can send it again after a 401, a redirect or a temporary failure.
 *
 * @param operation what is attempted, for error messages ("GET manifest app:1.0")
 * @param method    the HTTP method
 * @param uri       where
 * @param scopes    what the request needs, for bearer tokens
 * @param headers   extra headers
 * @param body      the body, opened afresh for each attempt, or null for none
 * @param retryable whether the request may be repeated after a failure that may be temporary
 * @param replayable whether the body can be produced again (false for a one-shot stream)
 * @param bulk      whether it carries a blob's bytes, so that the streaming engine sends it
 */
public record Call(String operation, String method, URI uri, List<Scope> scopes, Map<String, String> headers,
                   RequestBody body, boolean retryable, boolean replayable, boolean bulk) {

    public Call {
        scopes = List.copyOf(scopes);
        headers = Map.copyOf(headers);
    }

    /** @return a body-less request, retryable if the method is idempotent */
    public static Call of(String operation, String method, URI uri, List<Scope> scopes) {
        return new Call(operation, method, uri, scopes, Map.of(), null, !method.equals("POST") && !method.equals("PATCH"), true,
                false);
    }

    /** @return this request with one more header */
    public Call header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Call(operation, method, uri, scopes, h, body, retryable, replayable, bulk);
    }

    /** @return this request with a body; {@code replayable} says whether its source can give it again */
    public Call body(RequestBody content, boolean replayable) {
        return new Call(operation, method, uri, scopes, headers, content, retryable && replayable, replayable, bulk);
    }

    /** @return this request marked as carrying a blob's bytes (a GET of a blob, an upload with its content) */
    public Call asBulk() {
        return new Call(operation, method, uri, scopes, headers, body, retryable, replayable, true);
    }

    /** @return this request, retryable or not whatever its method */
    public Call retryable(boolean value) {
        return new Call(operation, method, uri, scopes, headers, body, value && replayable, replayable, bulk);
    }

    /** @return this request sent elsewhere (a redirect, an upload session's next location) */
    public Call at(URI other) {
        return new Call(operation, method, other, scopes, headers, body, retryable, replayable, bulk);
    }

    /** @return the request for logs: headers that can carry a secret (Authorization, cookies, tokens, keys) masked */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        headers.forEach((name, value) -> shown.put(name, isSecretHeader(name) ? "****" : value));
        return "Call[" + operation + ": " + method + " " + uri + ", headers=" + shown + ", scopes=" + scopes
                + ", retryable=" + retryable + ", replayable=" + replayable + ", bulk=" + bulk + "]";
    }

    /** @return whether a header's value can be a credential */
    public static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie") || n.equals("set-cookie")
                || n.contains("token") || n.contains("secret") || n.contains("key") || n.contains("password");
    }
}
