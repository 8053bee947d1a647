package dev.berth.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.events.store.EventStore;
import dev.berth.examples.ui.UiServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code berth ui}: the registry browser, a page and its REST API over the
 * registries of a config directory. Beyond loopback, admin actions need the
 * login {@code admin} with the password in {@code DIR/admin-password}
 * (generated and printed on the first such start).
 */
final class UiCommand implements Command {

    @Override
    public String name() {
        return "ui";
    }

    @Override
    public String synopsis() {
        return "ui [--addr HOST:PORT] [--config DIR] [--events memory|jdbc:URL] [--include-pulls]";
    }

    @Override
    public String summary() {
        return "the registry browser: first stdout line is 'listening on URL'; the page at /, its REST API under"
                + " /api/v1, registry webhooks at /api/v1/events and /plugins/registry/events; stops on SIGINT/SIGTERM";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("addr", "config", "events");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("include-pulls");
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--addr HOST:PORT", "where to listen (default 127.0.0.1:8080); beyond loopback every"
                        + " change needs the admin login"),
                new OptionHelp("--config DIR", "registries.json, vault.key, audit.log, events.db and admin-password"
                        + " (default $BERTH_CONFIG, else ~/.config/berth: the registries of 'berth registries')"),
                new OptionHelp("--events memory|jdbc:URL", "where webhook events are kept (default SQLite DIR/events.db)"),
                new OptionHelp("--include-pulls", "keep pull events too (ignored by default)"),
                new OptionHelp("admin login", "user admin, password in DIR/admin-password: generated (owner-only) and"
                        + " printed after the 'listening on' line on the first start beyond loopback"));
    }

    @Override
    public void run(CommandLine line, Output output) {
        line.requirePositionals(0, "");
        InetSocketAddress address = Addresses.parse(line.value("addr").orElse("127.0.0.1:8080"));
        Path dir = line.value("config").map(Path::of).orElseGet(RegistrySetCommand::defaultDirectory);
        EventStore store = line.value("events").map(EventStores::open).orElse(null);
        UiServer.Builder builder = UiServer.builder().address(address).configDir(dir)
                .includePulls(line.flag("include-pulls"));
        if (store != null) {
            builder.eventStore(store);
        }
        UiServer ui;
        try {
            ui = builder.build();
        } catch (UncheckedIOException e) {
            if (store != null) {
                store.close();
            }
            throw new dev.berth.model.OciException(e.getMessage(), e);
        }
        ui.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ui.close();
            if (store != null) {
                store.close();
            }
            stopped.countDown();
        }, "berth-ui-stop"));
        ObjectNode listening = CliJson.mapper().createObjectNode().put("listening", ui.uri().toString());
        output.stream("listening on " + ui.uri(), listening);
        if (ui.loginRequired()) {
            String where = dir.resolve("admin-password").toString();
            ObjectNode login = CliJson.mapper().createObjectNode().put("adminUser", "admin").put("passwordFile", where);
            ui.generatedAdminPassword().ifPresent(p -> login.put("adminPassword", p));
            output.stream("admin login: admin / " + ui.generatedAdminPassword().orElse("(see " + where + ")")
                    + (ui.generatedAdminPassword().isPresent() ? "  (generated, kept in " + where + ")" : ""), login);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
