package dev.berth.examples.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** {@code /api/v1/session}, {@code /login}, {@code /logout}: the admin session of a UI beyond loopback. */
final class SessionApi {
    private final AdminLogin login;
    private final AuditLog audit;

    SessionApi(AdminLogin login, AuditLog audit) {
        this.login = login;
        this.audit = audit;
    }

    /** @return the logged-in user of this request, if any */
    Optional<String> user(ApiRequest request) {
        return login.user(AdminLogin.token(request.header("Cookie")));
    }

    void session(ApiRequest request) throws IOException {
        Optional<String> user = user(request);
        request.json(200, UiJson.object().put("loginRequired", login.required()).put("loggedIn", user.isPresent())
                .put("user", user.orElse(null)));
    }

    void login(ApiRequest request) throws IOException {
        if (!login.required()) {
            throw ApiException.badRequest("this UI listens on loopback only and needs no login");
        }
        ObjectNode body = request.jsonBody();
        String user = UiJson.requiredText(body, "username");
        String password = UiJson.text(body, "password").orElse("");
        Optional<String> token = login.login(user, password);
        if (token.isEmpty()) {
            audit.record(user, "login.failed", "session", "wrong user name or password");
            throw ApiException.unauthorized("wrong user name or password");
        }
        request.setHeader("Set-Cookie", AdminLogin.COOKIE + "=" + token.get()
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
        request.json(200, UiJson.object().put("loginRequired", true).put("loggedIn", true).put("user", AdminLogin.USER));
    }

    void logout(ApiRequest request) throws IOException {
        String token = AdminLogin.token(request.header("Cookie"));
        if (token != null) {
            login.logout(token);
        }
        request.setHeader("Set-Cookie", AdminLogin.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        request.json(200, UiJson.object().put("loginRequired", login.required()).put("loggedIn", false)
                .putNull("user"));
    }
}
