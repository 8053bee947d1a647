package dev.berth.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Carries one HTTP exchange, nothing more: {@link Transport} adds credentials, challenges, redirects and retries
 * around it, the same whichever engine carries the bytes.
 */
interface HttpEngine {
    /**
     * @param headers the request's headers, Authorization included when it is to be sent
     * @param body    the body, or null for none
     * @return the response, whatever its status; its body must be read or closed
     * @throws IOException if no response came
     */
    HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, RequestBody body)
            throws IOException;
}
