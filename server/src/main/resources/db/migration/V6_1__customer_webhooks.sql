-- OpenChakra -> customers (webhooks.md §2): a durable outbox, written in the transaction of the change each
-- event reports, worked by every server process.
CREATE TABLE webhook_delivery (
    id                   uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id              uuid        NOT NULL REFERENCES team (id),
    plugin_id            uuid,
    event_id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    event                text        NOT NULL,
    kind                 text        NOT NULL CHECK (kind IN ('CHAKRA', 'PASS_THROUGH')),
    url                  text        NOT NULL,
    order_key            text        NOT NULL,
    body                 bytea       NOT NULL,
    -- clock_timestamp, not now(): the order of events is the order they were written, even when the
    -- transaction that wrote the later one started first.
    created_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    status               text        NOT NULL DEFAULT 'PENDING'
                             CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED_RETRYING', 'EXPIRED')),
    attempts             int         NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz NOT NULL DEFAULT now(),
    expires_at           timestamptz NOT NULL,
    lease_until          timestamptz,
    last_attempt_at      timestamptz,
    last_response_status int,
    last_error           text,
    delivered_at         timestamptz,
    UNIQUE (team_id, id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at)
    WHERE status IN ('PENDING', 'FAILED_RETRYING');
CREATE INDEX webhook_delivery_queue ON webhook_delivery (url, order_key, created_at, id)
    WHERE status IN ('PENDING', 'FAILED_RETRYING');
CREATE INDEX webhook_delivery_team ON webhook_delivery (team_id, created_at DESC);
CREATE INDEX webhook_delivery_delivered ON webhook_delivery (delivered_at) WHERE status = 'DELIVERED';
