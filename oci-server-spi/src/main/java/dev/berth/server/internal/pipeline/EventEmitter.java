package dev.berth.server.internal.pipeline;

import dev.berth.events.EventAction;
import dev.berth.events.EventFormat;
import dev.berth.events.EventRequest;
import dev.berth.events.EventSource;
import dev.berth.events.EventTarget;
import dev.berth.events.RegistryEvent;
import dev.berth.events.send.EventSender;
import dev.berth.server.http.RegistryExchange;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns what the registry did into events in distribution's shape and hands
 * them to the configured senders: blobs as {@code application/octet-stream}
 * with size and length, manifests with their media type and tag, a manifest
 * delete as distribution reports it. The events of one request share its
 * request id.
 */
public final class EventEmitter {
    private final List<EventSender> senders;
    private final String sourceAddr;
    private final String instanceId = UUID.randomUUID().toString();

    /**
     * @param senders    one per notification endpoint, possibly none
     * @param sourceAddr the registry's host:port, as events name their source; null where the registry has no
     *                   listener of its own (mounted in another server): then each request's {@code Host}
     */
    public EventEmitter(List<EventSender> senders, String sourceAddr) {
        this.senders = List.copyOf(senders);
        this.sourceAddr = sourceAddr;
    }

    /** @return whether any endpoint is notified */
    public boolean active() {
        return !senders.isEmpty();
    }

    /**
     * @param ex    the request the facts came from
     * @param actor who sent it; empty for an anonymous caller
     * @param facts what the registry did for it
     */
    public void emit(RegistryExchange ex, String actor, List<EventFact> facts) {
        if (senders.isEmpty() || facts.isEmpty()) {
            return;
        }
        String host = ex.requestHeader("Host").orElse(null);
        String source = sourceAddr != null ? sourceAddr : host != null ? host : "localhost";
        InetSocketAddress client = ex.remoteAddress();
        EventRequest request = new EventRequest(UUID.randomUUID().toString(), client.getAddress().getHostAddress() + ":"
                + client.getPort(), host == null ? "" : host, ex.method(), ex.requestHeader("User-Agent").orElse(""));
        for (EventFact fact : facts) {
            EventTarget.Builder target = EventTarget.builder(fact.repository()).tag(fact.tag()).mediaType(fact.mediaType())
                    .size(fact.size()).length(fact.size()).url(url(ex, host, source, fact)).fromRepository(fact.from());
            if (fact.digest() != null) {
                target.digest(fact.digest());
            }
            RegistryEvent event = new RegistryEvent(UUID.randomUUID().toString(), Instant.now(), EventAction.of(fact.action()),
                    target.build(), request, actor, new EventSource(source, instanceId), EventFormat.DISTRIBUTION);
            senders.forEach(s -> s.send(event));
        }
    }

    private static String url(RegistryExchange ex, String host, String source, EventFact fact) {
        if (fact.kind() == EventFact.Kind.DELETED) {
            return "";
        }
        return (ex.secure() ? "https://" : "http://") + (host == null ? source : host) + "/v2/" + fact.repository() + "/"
                + (fact.kind() == EventFact.Kind.BLOB ? "blobs" : "manifests") + "/" + fact.digest();
    }

    /** Flushes and stops the senders. */
    public void close() {
        senders.forEach(EventSender::close);
    }
}
