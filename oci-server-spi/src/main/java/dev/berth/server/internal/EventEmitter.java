package dev.berth.server.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.events.send.EventSender;
import dev.berth.model.Digest;
import dev.berth.model.MediaType;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what the registry did into events in distribution's shape and hands
 * them to the configured senders: blobs as {@code application/octet-stream}
 * with size and length, manifests with their media type and tag, a manifest
 * delete as distribution reports it.
 */
public final class EventEmitter {
    public static final String ACTOR = "berth.actor";
    private static final String REQUEST_ID = "berth.request-id";

    private final List<EventSender> senders;
    private final String sourceAddr;
    private final String instanceId = UUID.randomUUID().toString();

    /**
     * @param senders    one per notification endpoint, possibly none
     * @param sourceAddr the registry's host:port, as events name their source
     */
    public EventEmitter(List<EventSender> senders, String sourceAddr) {
        this.senders = List.copyOf(senders);
        this.sourceAddr = sourceAddr;
    }

    void blob(HttpExchange ex, String action, String repo, Digest digest, long size, String from) {
        emit(ex, action, new EventTarget(repo, "", Optional.of(digest), MediaType.OCTET_STREAM, size, size,
                url(ex, repo, "blobs", digest), List.of(), from == null ? "" : from));
    }

    void manifest(HttpExchange ex, String action, String repo, String tag, Digest digest, String mediaType, long size) {
        emit(ex, action, new EventTarget(repo, tag, Optional.of(digest), mediaType, size, size,
                url(ex, repo, "manifests", digest), List.of(), ""));
    }

    /** A delete by digest names the digest; by tag, the tag. */
    void deleted(HttpExchange ex, String repo, Digest digest, String tag) {
        emit(ex, "delete", new EventTarget(repo, tag, Optional.ofNullable(digest), "", 0, 0, "", List.of(), ""));
    }

    private String url(HttpExchange ex, String repo, String kind, Digest digest) {
        String host = ex.getRequestHeaders().getFirst("Host");
        String scheme = ex instanceof com.sun.net.httpserver.HttpsExchange ? "https://" : "http://";
        return scheme + (host == null ? sourceAddr : host) + "/v2/" + repo + "/" + kind + "/" + digest;
    }

    private void emit(HttpExchange ex, String action, EventTarget target) {
        if (senders.isEmpty()) {
            return;
        }
        Object id = ex.getAttribute(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ex.setAttribute(REQUEST_ID, id);
        }
        Object actor = ex.getAttribute(ACTOR);
        InetSocketAddress client = ex.getRemoteAddress();
        EventRequest request = new EventRequest(id.toString(), client.getAddress().getHostAddress() + ":"
                + client.getPort(), ex.getRequestHeaders().getFirst("Host"), ex.getRequestMethod(),
                ex.getRequestHeaders().getFirst("User-Agent"));
        RegistryEvent event = new RegistryEvent(UUID.randomUUID().toString(), Instant.now(), EventAction.of(action), target,
                request, actor == null ? "" : actor.toString(), new EventSource(sourceAddr, instanceId), EventFormat.DISTRIBUTION);
        senders.forEach(s -> s.send(event));
    }

    /** Flushes and stops the senders. */
    public void close() {
        senders.forEach(EventSender::close);
    }
}
