package dev.berth.server.internal.pipeline;

import dev.berth.model.ErrorCode;
import dev.berth.server.internal.ApiError;
import java.io.IOException;

/** Refuses every request but reads ({@code GET}, {@code HEAD}) with 405 UNSUPPORTED, as distribution's read-only mode. */
public final class ReadOnly implements Handler {
    private final Handler next;

    /** @param next the stage reads go on to */
    public ReadOnly(Handler next) {
        this.next = next;
    }

    @Override
    public void handle(Call call) throws IOException {
        String method = call.exchange().method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiError(ErrorCode.UNSUPPORTED, 405, "the registry is in read-only mode");
        }
        next.handle(call);
    }
}
