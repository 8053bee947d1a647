package dev.berth.server.internal.ops;

import dev.berth.server.CorsPolicy;
import dev.berth.server.RateLimit;
import dev.berth.server.internal.pipeline.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * The operator's stages of the pipeline, outermost first: response headers (on every answer), metrics (of every
 * answer, refusals included), CORS (a preflight answered before authentication), the rate limit, body limits;
 * then whatever the registry runs inside them (authentication, authorization, the API). Stages not configured
 * are left out rather than run idle.
 *
 * @param meters          where the HTTP meters go, or null for none
 * @param cors            the CORS policy, or null for no CORS headers
 * @param rateLimit       the per-client rate limit, or null for none
 * @param responseHeaders the operator's headers for every answer
 */
public record Operations(MeterRegistry meters, CorsPolicy cors, RateLimit rateLimit, Map<String, List<String>> responseHeaders) {
    /** Copies the headers. */
    public Operations {
        responseHeaders = Map.copyOf(responseHeaders);
    }

    /**
     * @param inner the stages inside: authentication and what follows it
     * @return the pipeline with the operator's stages around {@code inner}
     */
    public Handler around(Handler inner) {
        Handler h = new BodyLimits(inner);
        if (rateLimit != null) {
            h = new RateLimiting(rateLimit, h);
        }
        if (cors != null) {
            h = new Cors(cors, h);
        }
        if (meters != null) {
            h = new HttpMetrics(meters, h);
        }
        return new ResponseHeaders(responseHeaders, h);
    }
}
