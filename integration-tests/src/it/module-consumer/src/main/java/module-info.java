/** An application module that embeds a registry and talks to it. */
module com.example.consumer {
    requires dev.berth.client;
    requires dev.berth.server;

    exports com.example.consumer;
}
