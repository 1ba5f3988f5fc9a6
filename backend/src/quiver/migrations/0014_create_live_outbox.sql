-- The transactional outbox of the live channel, used when it fans out through NATS
-- (QUIVER_BROKER_URL=nats://...) instead of PostgreSQL's LISTEN/NOTIFY. A writer announces a
-- change with live_outbox_announce() inside its own transaction, so only committed changes
-- are ever announced; a relay publishes the committed rows to NATS afterwards
-- (services/live/outbox_relay.py).
--
-- Each session numbers its announcements 1, 2, 3... in live_sequence. A writer takes its
-- number by updating its session's row there, a row lock it holds until it commits: the next
-- writer of that session waits for that commit before numbering, so within a session seq
-- order is commit order, and a committed seq never has an uncommitted predecessor. Writers of
-- different sessions never wait for each other (NOTIFY serialises every notifying commit of
-- the database on one lock). The lock is the last one a writer takes (announcing is the last
-- statement of every transaction that announces), so it closes no cycle of lock waits.
-- No foreign key: a session's last announcement is its own deletion.
CREATE TABLE live_sequence (
    session_id uuid PRIMARY KEY,
    last_seq bigint NOT NULL,
    CONSTRAINT live_sequence_last_seq_check CHECK (last_seq >= 1)
);

-- One announcement: its NOTIFY payload (models/realtime.py NOTIFY_PAYLOAD) and number. Rows
-- are kept for a short retention once published (QUIVER_OUTBOX_RETENTION_SECONDS): a
-- subscriber that missed messages (a sequence gap, a reconnection to NATS) reads them back
-- from here. Unpublished rows are never purged.
CREATE TABLE live_outbox (
    session_id uuid NOT NULL,
    seq bigint NOT NULL,
    payload text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    PRIMARY KEY (session_id, seq),
    CONSTRAINT live_outbox_seq_check CHECK (seq >= 1)
);

-- What the relay has still to publish: small, as rows leave it once published.
CREATE INDEX live_outbox_pending_idx ON live_outbox (session_id, seq) WHERE published_at IS NULL;
-- What the purge deletes, oldest first.
CREATE INDEX live_outbox_published_idx ON live_outbox (published_at)
    WHERE published_at IS NOT NULL;

-- Announce one change (its NOTIFY payload) in the caller's transaction: number it in its
-- session and store it; returns its seq. A function, so that the hot arrow statement can
-- announce from inside a WITH query as it does with pg_notify (data-modifying statements may
-- not nest in WITH queries). A payload without a session announces nothing.
CREATE FUNCTION live_outbox_announce(text) RETURNS bigint
LANGUAGE sql VOLATILE AS $$
    WITH numbered AS (
        INSERT INTO live_sequence AS q (session_id, last_seq)
        SELECT ($1::json ->> 'session_id')::uuid, 1
        WHERE $1::json ->> 'session_id' IS NOT NULL
        ON CONFLICT (session_id) DO UPDATE SET last_seq = q.last_seq + 1
        RETURNING q.session_id, q.last_seq
    )
    INSERT INTO live_outbox (session_id, seq, payload)
    SELECT session_id, last_seq, $1 FROM numbered
    RETURNING seq
$$;
