-- The collector's store: its key, devices, bundles with their receipts, the quarantine,
-- the update channel and the request log. A bundle is stored once, by its SHA-256; a
-- device's seq and bundle id each name one bundle.
CREATE TABLE collector (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    private_key text NOT NULL,
    public_key text NOT NULL,
    key_id text NOT NULL,
    created text NOT NULL
);

CREATE TABLE devices (
    device_id text PRIMARY KEY CHECK (device_id ~ '^[0-9a-f]{16}$'),
    card bytea CHECK (octet_length(card) <= 100000),
    revoked boolean NOT NULL DEFAULT false,
    revoked_at text,
    allowed_at timestamptz
);

CREATE TABLE bundles (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    device_id text NOT NULL CHECK (device_id ~ '^[0-9a-f]{16}$'),
    seq bigint NOT NULL,
    bundle_id text NOT NULL CHECK (bundle_id ~ '^[0-9a-f]{32}$'),
    size integer NOT NULL,
    data bytea NOT NULL,
    receipt bytea NOT NULL,
    source text NOT NULL DEFAULT '',
    stored_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (device_id, seq),
    UNIQUE (bundle_id)
);

CREATE TABLE quarantine (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data bytea NOT NULL,
    reason bytea NOT NULL,
    code text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);

-- What the quarantine holds, counted as the folder store counts it (a kept prefix and
-- a reason are two files): one row, updated in the transaction that keeps something.
CREATE TABLE quarantine_usage (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    files bigint NOT NULL,
    bytes bigint NOT NULL
);
INSERT INTO quarantine_usage (files, bytes) VALUES (0, 0);

CREATE TABLE updates (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    data bytea NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE request_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    line text NOT NULL
);
