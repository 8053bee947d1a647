package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.EventFilter;
import dev.berth.events.EventJsonCodec;
import dev.berth.events.RegistryEvent;
import dev.berth.events.receive.EventReceiver;
import dev.berth.events.receive.EventReceiverServer;
import dev.berth.events.store.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code berth events listen}: receive registry webhooks, store them, print one line per event. */
final class EventsListenCommand implements Command {


    @Override
    public String name() {
        return "events listen";
    }

    @Override
    public String synopsis() {
        return "events listen [--addr HOST:PORT] [--path /events] [--store memory|jdbc:URL] [--secret S]"
                + " [--include-pulls] [--count N]";
    }

    @Override
    public String summary() {
        return "receive registry webhooks (distribution, Harbor, zot, Docker Hub, ACR and Event Grid, Quay), store them,"
                + " print one line per event;"
                + " the first line is 'listening on URL'; stops on SIGINT/SIGTERM or after --count events";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("addr", "path", "store", "secret", "count");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("include-pulls");
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        InetSocketAddress address = Addresses.parse(line.value("addr").orElse("127.0.0.1:0"));
        String path = line.value("path").orElse(EventReceiverServer.DEFAULT_PATH);
        if (!path.startsWith("/")) {
            throw new UsageException("--path must start with '/'");
        }
        int count = line.value("count").map(c -> Addresses.positiveInt("--count", c)).orElse(0);
        EventFilter filter = line.flag("include-pulls") ? EventFilter.defaults().includingPulls() : EventFilter.defaults();
        CountDownLatch done = new CountDownLatch(count > 0 ? count : 1);
        EventStore store = EventStores.open(line.value("store").orElse("memory"));
        EventReceiver.Builder builder = EventReceiver.builder(store).filter(filter).onStored(e -> {
            print(output, e);
            if (count > 0) {
                done.countDown();
            }
        });
        line.value("secret").ifPresent(s -> builder.sharedSecret("Authorization", "Bearer " + s));
        EventReceiverServer server;
        try {
            server = EventReceiverServer.start(builder.build(), address, path);
        } catch (UncheckedIOException e) {
            store.close();
            throw new dev.berth.model.OciException(e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> {
            server.close();
            store.close();
            while (done.getCount() > 0) {
                done.countDown();
            }
        }, "berth-events-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        ObjectNode listening = CliJson.mapper().createObjectNode().put("listening", server.uri().toString());
        output.stream("listening on " + server.uri(), listening);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (count > 0) {
            Runtime.getRuntime().removeShutdownHook(stopper);
            server.close();
            store.close();
        }
    }

    private static void print(Output output, RegistryEvent e) {
        try {
            output.stream(EventLine.of(e), CliJson.mapper().readTree(EventJsonCodec.toJson(e)));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
