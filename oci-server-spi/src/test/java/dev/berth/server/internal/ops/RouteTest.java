package dev.berth.server.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void everyApiPathHasItsRoute() {
        assertEquals(Route.BASE, Route.of("/v2/"));
        assertEquals(Route.BASE, Route.of("/v2"));
        assertEquals(Route.CATALOG, Route.of("/v2/_catalog"));
        assertEquals(Route.TAGS, Route.of("/v2/team/app/tags/list"));
        assertEquals(Route.MANIFESTS, Route.of("/v2/team/app/manifests/1.0"));
        assertEquals(Route.MANIFESTS, Route.of("/v2/a/blobs/b/manifests/sha256:00"));
        assertEquals(Route.BLOBS, Route.of("/v2/team/app/blobs/sha256:00"));
        assertEquals(Route.BLOBS, Route.of("/v2/a/manifests/x/blobs/sha256:00"));
        assertEquals(Route.UPLOADS, Route.of("/v2/team/app/blobs/uploads/"));
        assertEquals(Route.UPLOADS, Route.of("/v2/team/app/blobs/uploads"));
        assertEquals(Route.UPLOADS, Route.of("/v2/team/app/blobs/uploads/3f2a-11"));
        assertEquals(Route.REFERRERS, Route.of("/v2/team/app/referrers/sha256:00"));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals(Route.OTHER, Route.of("/"));
        assertEquals(Route.OTHER, Route.of("/v20/"));
        assertEquals(Route.OTHER, Route.of("/v2/team/app"));
        assertEquals(Route.OTHER, Route.of("/v2/manifests/x"));
        assertEquals(Route.OTHER, Route.of("/metrics"));
        // a repository named blobs/uploads/x with a manifest: the last marker decides
        assertEquals(Route.MANIFESTS, Route.of("/v2/r/blobs/uploads/x/manifests/1"));
    }
}
