-- Blob touches and claims (the server SPI's BlobTouches), shared by every instance: when a push last relied on a
-- blob, and until when a garbage collector holds it for deletion. A blob without a row was not touched within the
-- grace period and is not claimed; rows of old touches are deleted as the collector and the janitors go.
CREATE TABLE berth_blob_touches (
    digest               VARCHAR(256) COLLATE "C" NOT NULL PRIMARY KEY,
    touched_at_micros    BIGINT,
    claimed_until_micros BIGINT
);
