-- The tables of the metadata store.
-- Names compare byte by byte (COLLATE "C"), as the registry API lists them, whatever the database's locale.

-- One row per repository ever written to. The writes of several statements lock it first, so that on one
-- repository they run one after the other across instances; whether it holds anything is read from the
-- manifests and blob links.
CREATE TABLE berth_repositories (
    name VARCHAR(1024) COLLATE "C" NOT NULL PRIMARY KEY
);

-- Manifests: their exact bytes and what the registry reads without parsing them. A manifest with a subject
-- is its subject's referrer; its entry in the subject's referrers list is the descriptor JSON in referrer.
CREATE TABLE berth_manifests (
    repository       VARCHAR(1024) COLLATE "C" NOT NULL,
    digest           VARCHAR(256) COLLATE "C" NOT NULL,
    media_type       VARCHAR(1024) NOT NULL,
    content          BYTEA NOT NULL,
    subject          VARCHAR(256) COLLATE "C",
    artifact_type    VARCHAR(1024),
    referrer         TEXT,
    pushed_at_micros BIGINT NOT NULL,
    PRIMARY KEY (repository, digest)
);

-- The referrers of a subject, in digest order.
CREATE INDEX berth_manifests_referrers ON berth_manifests (repository, subject, digest);

-- Tags: a tag points at a manifest the repository holds (the foreign key makes anything else impossible).
CREATE TABLE berth_tags (
    repository VARCHAR(1024) COLLATE "C" NOT NULL,
    tag        VARCHAR(128) COLLATE "C" NOT NULL,
    digest     VARCHAR(256) COLLATE "C" NOT NULL,
    PRIMARY KEY (repository, tag),
    FOREIGN KEY (repository, digest) REFERENCES berth_manifests (repository, digest)
);

-- The tags of a manifest, for its deletion.
CREATE INDEX berth_tags_by_digest ON berth_tags (repository, digest);

-- The blobs a repository may serve.
CREATE TABLE berth_blob_links (
    repository VARCHAR(1024) COLLATE "C" NOT NULL,
    digest     VARCHAR(256) COLLATE "C" NOT NULL,
    PRIMARY KEY (repository, digest)
);

-- Leases: which instance does a job that one instance at a time may do (garbage collection), until when.
CREATE TABLE berth_leases (
    name              VARCHAR(200) NOT NULL PRIMARY KEY,
    holder            VARCHAR(200) NOT NULL,
    expires_at_micros BIGINT NOT NULL
);
