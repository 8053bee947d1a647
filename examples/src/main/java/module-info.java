/** The {@code berth} command-line tool and example programs. */
module dev.berth.examples {
    requires dev.berth.model;
    requires dev.berth.auth;
    requires dev.berth.client;
    requires dev.berth.events;
    requires dev.berth.server;
    requires dev.berth.server.storage.s3;
    requires dev.berth.storage.jdbc;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires jdk.httpserver;

    exports dev.berth.examples.cli;
    exports dev.berth.examples.ui;
}
