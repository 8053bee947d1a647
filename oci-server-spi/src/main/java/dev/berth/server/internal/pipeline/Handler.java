package dev.berth.server.internal.pipeline;

import java.io.IOException;

/**
 * One stage of the registry's request pipeline: the registry API at the
 * centre, and decorators around it (authentication, authorization, access
 * log, metrics, rate limits, CORS, headers), each a {@code Handler} that does
 * its one job and calls the next.
 */
@FunctionalInterface
public interface Handler {
    /**
     * @param call the request, its response and what earlier stages learnt about it
     * @throws IOException if the client went away
     */
    void handle(Call call) throws IOException;
}
