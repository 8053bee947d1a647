package dev.berth.server.internal.pipeline;

import dev.berth.server.http.RegistryExchange;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A request travelling through the pipeline: the exchange (which a decorator
 * may wrap, to count bytes or record the status) and what the stages learnt
 * about it, chiefly who the caller is.
 */
public final class Call {
    private RegistryExchange exchange;
    private Caller caller = Caller.UNRESTRICTED;

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

    /** @return who sent the request; {@link Caller#UNRESTRICTED} until authentication says otherwise */
    public Caller caller() {
        return caller;
    }

    /** @param value who sent the request, as authentication established it */
    public void caller(Caller value) {
        this.caller = Objects.requireNonNull(value, "caller");
    }
}
