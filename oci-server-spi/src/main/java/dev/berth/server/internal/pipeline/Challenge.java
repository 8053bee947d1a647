package dev.berth.server.internal.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.auth.Scope;
import dev.berth.model.ErrorCode;
import dev.berth.model.internal.Json;
import dev.berth.server.TokenAuth;
import dev.berth.server.internal.ApiError;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the registry asks for credentials ({@code WWW-Authenticate}) and refuses
 * a request: Basic for htpasswd users, Bearer for tokens of an external issuer.
 * Every refusal carries distribution's {@code detail}: the access the request
 * needs, one entry per action (clients that shorten a default message to its
 * code, like podman's "unauthorized", print the detail).
 */
public abstract class Challenge {
    /** @return the challenge of Basic authentication */
    public static Challenge basic() {
        return new Challenge() {
            @Override
            String header(Scope scope) {
                return "Basic realm=\"berth\"";
            }

            @Override
            ApiError insufficient(Scope scope) {
                return new ApiError(ErrorCode.DENIED, 403, "access to " + scope + " is denied", Map.of(), detail(scope));
            }
        };
    }

    /**
     * @param tokens the issuer's realm and service
     * @return the challenge of bearer tokens, naming the scope a request needs
     */
    public static Challenge bearer(TokenAuth tokens) {
        return new Challenge() {
            @Override
            String header(Scope scope) {
                return "Bearer realm=\"" + tokens.realm() + "\",service=\"" + tokens.service() + "\""
                        + (scope == null ? "" : ",scope=\"" + scope + "\"");
            }

            @Override
            ApiError insufficient(Scope scope) {
                String why = "the token does not grant " + scope;
                return new ApiError(ErrorCode.DENIED, 401, why, Map.of("WWW-Authenticate",
                        header(scope) + ",error=\"insufficient_scope\",error_description=\"" + quotable(why) + "\""), detail(scope));
            }
        };
    }

    /** @return the {@code WWW-Authenticate} value for a request that needs {@code scope} (null for none) */
    abstract String header(Scope scope);

    /** @return the refusal of an authenticated caller who may not do what {@code scope} names */
    abstract ApiError insufficient(Scope scope);

    /** @return the refusal of a request without valid credentials */
    ApiError unauthenticated(Scope scope) {
        return new ApiError(ErrorCode.UNAUTHORIZED, 401, "authentication required", Map.of("WWW-Authenticate", header(scope)),
                detail(scope));
    }

    /** @return the refusal of credentials that are no good, saying why in the challenge as well */
    ApiError invalid(Scope scope, String why) {
        // error_description too: clients build their error from the challenge and drop the body's message.
        return new ApiError(ErrorCode.UNAUTHORIZED, 401, why, Map.of("WWW-Authenticate",
                header(scope) + ",error=\"invalid_token\",error_description=\"" + quotable(why) + "\""), detail(scope));
    }

    // A 401's detail as distribution writes it.
    static String detail(Scope scope) {
        ArrayNode detail = Json.mapper().createArrayNode();
        if (scope != null) {
            for (String action : new TreeSet<>(scope.actions())) {
                detail.addObject().put("Type", scope.type()).put("Class", "").put("Name", scope.name()).put("Action", action);
            }
        }
        return detail.toString();
    }

    // Inside a quoted challenge parameter: no quotes or backslashes (the messages are Berth's own, this is a guard).
    private static String quotable(String text) {
        return text.replace('"', '\'').replace("\\", "/");
    }
}
