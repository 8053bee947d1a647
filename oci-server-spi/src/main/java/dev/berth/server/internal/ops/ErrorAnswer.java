package dev.berth.server.internal.ops;

import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryError;
import dev.berth.server.http.RegistryExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** An answer with the specification's JSON error body, for the decorators that refuse a request themselves. */
final class ErrorAnswer {
    private ErrorAnswer() {
    }

    static void send(RegistryExchange ex, int status, ErrorCode code, String message) throws IOException {
        byte[] body = RegistryError.toBody(List.of(RegistryError.of(code, message)));
        ex.setHeader("Content-Type", "application/json; charset=utf-8");
        try (OutputStream out = ex.respond(status, body.length)) {
            out.write(body);
        }
    }
}
