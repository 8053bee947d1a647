package dev.berth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.model.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Asks a token endpoint for a bearer token, the way distribution's client does:
 * an OAuth2 POST with the refresh token when there is one (or with the password
 * when asked to), falling back to the GET form on endpoints that only do GET;
 * otherwise a GET with Basic credentials, or anonymously.
 */
public final class TokenEndpointClient {
    private static final String CLIENT_ID = "berth";

    private final HttpClient http;
    private final Clock clock;
    private final String userAgent;

    /**
     * @param http      the client to send with
     * @param clock     the time tokens are issued against when the endpoint does not say
     * @param userAgent the User-Agent header
     */
    public TokenEndpointClient(HttpClient http, Clock clock, String userAgent) {
        this.http = http;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    /**
     * @param realm           the token endpoint
     * @param service         the service parameter, possibly empty
     * @param scopes          the scopes to ask for
     * @param credential      who asks
     * @param preferOAuth2    POST the password grant instead of GET with Basic
     * @param newRefreshToken receives a refresh token the endpoint hands out
     * @return the token
     */
    public Token fetch(URI realm, String service, List<String> scopes, Credential credential, boolean preferOAuth2,
                       Consumer<String> newRefreshToken) {
        if (credential instanceof Credential.IdentityToken id) {
            Optional<Token> posted = post(realm, service, scopes, List.of("grant_type", "refresh_token",
                    "refresh_token", id.token()), newRefreshToken);
            if (posted.isPresent()) {
                return posted.get();
            }
            String user = id.username().isEmpty() ? "<token>" : id.username();
            return get(realm, service, scopes, Credential.basic(user, id.token()), newRefreshToken);
        }
        if (credential instanceof Credential.UsernamePassword up && preferOAuth2) {
            Optional<Token> posted = post(realm, service, scopes, List.of("grant_type", "password",
                    "username", up.username(), "password", up.password()), newRefreshToken);
            if (posted.isPresent()) {
                return posted.get();
            }
        }
        return get(realm, service, scopes, credential, newRefreshToken);
    }

    private Token get(URI realm, String service, List<String> scopes, Credential credential,
                      Consumer<String> newRefreshToken) {
        StringJoiner query = new StringJoiner("&");
        if (!service.isEmpty()) {
            query.add("service=" + encode(service));
        }
        for (String s : scopes) {
            query.add("scope=" + encode(s));
        }
        if (credential instanceof Credential.UsernamePassword up && !up.username().isEmpty()) {
            query.add("account=" + encode(up.username()));
        }
        String base = realm.toString();
        URI uri = URI.create(query.length() == 0 ? base : base + (base.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (credential instanceof Credential.UsernamePassword up) {
            request.header("Authorization", basic(up.username(), up.password()));
        }
        HttpResponse<byte[]> response = send(request, realm);
        if (response.statusCode() != 200) {
            throw refused(realm, response);
        }
        return parse(realm, response.body(), newRefreshToken);
    }

    // Empty when the endpoint does not do OAuth2 POST (404, 405, or a 400 from a GET-only endpoint), so the caller falls back.
    private Optional<Token> post(URI realm, String service, List<String> scopes, List<String> grant,
                                 Consumer<String> newRefreshToken) {
        List<String> form = new ArrayList<>(grant);
        form.addAll(List.of("service", service, "client_id", CLIENT_ID, "scope", String.join(" ", scopes)));
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < form.size(); i += 2) {
            body.add(encode(form.get(i)) + "=" + encode(form.get(i + 1)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(realm)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<byte[]> response = send(request, realm);
        int status = response.statusCode();
        if (status == 404 || status == 405 || status == 400) {
            return Optional.empty();
        }
        if (status != 200) {
            throw refused(realm, response);
        }
        return Optional.of(parse(realm, response.body(), newRefreshToken));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, URI realm) {
        request.timeout(Duration.ofSeconds(30)).header("User-Agent", userAgent);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AuthenticationException("token endpoint " + realm + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("interrupted while asking " + realm + " for a token", e);
        }
    }

    private Token parse(URI realm, byte[] body, Consumer<String> newRefreshToken) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AuthenticationException("token endpoint " + realm + " answered something that is not JSON", 200);
        }
        String token = json == null ? "" : json.path("token").asText("");
        if (token.isEmpty() && json != null) {
            token = json.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new AuthenticationException("token endpoint " + realm + " answered without a token", 200);
        }
        Duration lifetime = Token.MINIMUM_LIFETIME;
        if (json.path("expires_in").canConvertToLong() && json.get("expires_in").asLong() > lifetime.toSeconds()) {
            lifetime = Duration.ofSeconds(json.get("expires_in").asLong());
        }
        Instant issued = clock.instant();
        if (json.path("issued_at").isTextual()) {
            try {
                issued = OffsetDateTime.parse(json.get("issued_at").asText()).toInstant();
            } catch (DateTimeParseException ignored) {
                // an unreadable issued_at is not worth failing for: count from now
            }
        }
        String refresh = json.path("refresh_token").asText("");
        if (!refresh.isEmpty()) {
            newRefreshToken.accept(refresh);
        }
        return new Token(token, issued, lifetime);
    }

    private static AuthenticationException refused(URI realm, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String why = status == 401 || status == 403 ? "refused the credentials" : "failed";
        return new AuthenticationException("token endpoint " + realm + " " + why + " (HTTP " + status + ")", status);
    }

    /** @return an {@code Authorization: Basic} value */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
