package dev.berth.server.internal.pipeline;

import java.io.IOException;

/**
 * Sends the notifications of what the registry did for a request (the facts
 * it recorded on the {@link Call}), once the answer went out as a success: a
 * refused or failed request notifies no one, as with distribution.
 */
public final class Events implements Handler {
    private final EventEmitter emitter;
    private final Handler next;

    /**
     * @param emitter turns facts into events and sends them
     * @param next    the stage that records the facts
     */
    public Events(EventEmitter emitter, Handler next) {
        this.emitter = emitter;
        this.next = next;
    }

    @Override
    public void handle(Call call) throws IOException {
        next.handle(call);
        int status = call.exchange().status();
        // 307: a blob pull sent to the blob store is a pull all the same (the API records facts only for it).
        if (status >= 200 && status < 300 || status == 307) {
            emitter.emit(call.exchange(), call.caller().name(), call.facts());
        }
    }
}
