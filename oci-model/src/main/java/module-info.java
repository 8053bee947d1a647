/**
 * Typed OCI and Docker content: digests, references, media types, descriptors,
 * platforms, manifests and indexes, image configurations, artifact helpers and
 * the exception hierarchy that every Berth module shares.
 *
 * <p>The only runtime dependency is Jackson; nothing here does network I/O.
 */
module dev.berth.model {
    requires transitive com.fasterxml.jackson.databind;

    exports dev.berth.model;
    exports dev.berth.model.manifest;
    exports dev.berth.model.config;
    exports dev.berth.model.artifact;
    // The strict JSON readers are shared with Berth's own modules, not with users.
    exports dev.berth.model.internal to dev.berth.events, dev.berth.client, dev.berth.server, dev.berth.auth,
            dev.berth.storage.jdbc;
}
