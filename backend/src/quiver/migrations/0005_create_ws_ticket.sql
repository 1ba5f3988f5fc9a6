-- Single-use tickets that open the live WebSocket channel of one session. A browser cannot
-- send a bearer token on a WebSocket, so it trades the token for a ticket first. Only the
-- ticket's SHA-256 is stored; using it deletes the row.
CREATE TABLE ws_ticket (
    ticket_hash bytea PRIMARY KEY,
    token_id uuid NOT NULL REFERENCES archer_token (id) ON DELETE CASCADE,
    session_id uuid NOT NULL REFERENCES practice_session (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    CONSTRAINT ws_ticket_ticket_hash_check CHECK (octet_length(ticket_hash) = 32),
    CONSTRAINT ws_ticket_expiry_check CHECK (expires_at > created_at)
);

-- Issuing a ticket purges the expired ones.
CREATE INDEX ws_ticket_expires_at_idx ON ws_ticket (expires_at);
CREATE INDEX ws_ticket_token_id_idx ON ws_ticket (token_id);
CREATE INDEX ws_ticket_session_id_idx ON ws_ticket (session_id);
