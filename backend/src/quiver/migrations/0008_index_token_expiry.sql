-- Housekeeping purges expired and revoked tokens: let it find them without reading them all.
CREATE INDEX archer_token_expires_at_idx ON archer_token (expires_at);
CREATE INDEX archer_token_revoked_idx ON archer_token (revoked_at) WHERE revoked_at IS NOT NULL;
