package dev.berth.server.internal.pipeline;

import dev.berth.model.ErrorCode;
import dev.berth.model.RegistryError;
import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.ApiError;
import dev.berth.server.spi.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an answer, around every stage that
 * can refuse a request: an {@link ApiError} (from the registry or any
 * decorator) gets the specification's JSON error body, a storage failure a
 * 500 and one WARN line, anything else a 500 and one WARN line (its stack
 * trace at DEBUG). Every answer carries {@code Docker-Distribution-API-Version},
 * errors included, as clients look for it on the 401 of {@code /v2/}.
 */
public final class ApiErrors implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String API_VERSION = "registry/2.0";
    // As distribution labels its JSON answers.
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private final Handler next;

    /** @param next the stages whose failures this answers */
    public ApiErrors(Handler next) {
        this.next = next;
    }

    @Override
    public void handle(Call call) throws IOException {
        call.exchange().setHeader("Docker-Distribution-API-Version", API_VERSION);
        try {
            next.handle(call);
        } catch (ApiError e) {
            answer(call.exchange(), e.status, e.code, e.getMessage(), e.headers, e.detail);
        } catch (StorageException e) {
            // The path only: a query can carry secrets (upload state, tokens), as the access log knows.
            RegistryExchange ex = call.exchange();
            LOG.warn("storage failure on {} {}: {}", ex.method(), ex.rawPath(), e.getMessage());
            answer(ex, 500, ErrorCode.UNKNOWN, "storage failure", Map.of(), null);
        } catch (IOException e) {
            LOG.debug("client went away during {} {}: {}", call.exchange().method(), call.exchange().rawPath(), e.toString());
        } catch (RuntimeException e) {
            // One line per failure at WARN; the stack trace only for whoever turns on DEBUG.
            RegistryExchange ex = call.exchange();
            LOG.warn("unexpected failure on {} {}: {}", ex.method(), ex.rawPath(), e.toString());
            LOG.debug("unexpected failure on {} {}", ex.method(), ex.rawPath(), e);
            answer(ex, 500, ErrorCode.UNKNOWN, "internal error", Map.of(), null);
        }
    }

    // A HEAD's answer carries the headers a GET's would, its body's length included (the transport drops the body).
    // Without a code, there is no body at all.
    private static void answer(RegistryExchange ex, int status, ErrorCode code, String message, Map<String, String> headers,
                               String detail) throws IOException {
        if (ex.responded()) {
            LOG.debug("{} {}: {} {} after the answer began", ex.method(), ex.rawPath(), status, message);
            return; // the client sees the body end short
        }
        headers.forEach(ex::setHeader);
        if (code == null) {
            LOG.debug("{} {}: {} {}", ex.method(), ex.rawPath(), status, message);
            ex.requestBody().transferTo(OutputStream.nullOutputStream());
            ex.respond(status, 0);
            return;
        }
        RegistryError error = RegistryError.of(code, message);
        byte[] body = RegistryError.toBody(List.of(detail == null ? error : error.withDetail(detail)));
        ex.setHeader("Content-Type", JSON_UTF8);
        try (OutputStream out = ex.respond(status, body.length)) {
            out.write(body);
        }
    }
}
