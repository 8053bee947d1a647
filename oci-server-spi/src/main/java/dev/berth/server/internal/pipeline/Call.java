package dev.berth.server.internal.pipeline;

import dev.berth.server.http.RegistryExchange;
import dev.berth.server.internal.ApiPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A request travelling through the pipeline: the exchange (which a decorator
 * may wrap, to count bytes or record the status) and what the stages learnt
 * about it: who the caller is, and what the registry did for it (the facts
 * the {@link Events} stage turns into notifications once the answer is a success).
 */
public final class Call {
    private RegistryExchange exchange;
    private Caller caller = Caller.UNRESTRICTED;
    private final List<EventFact> facts = new ArrayList<>(1);
    private ApiPath path; // parsed when first asked for: several stages need it

    /** @param exchange the request and its response, as the transport delivered them */
    public Call(RegistryExchange exchange) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** @return the exchange, as wrapped by the stages so far */
    public RegistryExchange exchange() {
        return exchange;
    }

    /** @param wrapper replaces the exchange with a wrapper of it, for the stages that follow */
    public void wrap(UnaryOperator<RegistryExchange> wrapper) {
        this.exchange = Objects.requireNonNull(wrapper.apply(exchange), "wrapped exchange");
    }

    /** @return the API route the request's path addresses (the stages never change the path) */
    public ApiPath path() {
        if (path == null) {
            path = ApiPath.parse(exchange.rawPath());
        }
        return path;
    }

    /** @return who sent the request; {@link Caller#UNRESTRICTED} until authentication says otherwise */
    public Caller caller() {
        return caller;
    }

    /** @param value who sent the request, as authentication established it */
    public void caller(Caller value) {
        this.caller = Objects.requireNonNull(value, "caller");
    }

    /** @param fact something the registry did that notifications report: a push, pull, mount or delete */
    public void record(EventFact fact) {
        facts.add(Objects.requireNonNull(fact, "fact"));
    }

    /** @return what the registry did for this request, in order */
    public List<EventFact> facts() {
        return List.copyOf(facts);
    }
}
