-- Personal access tokens live beside login tokens in archer_token, so every statement that
-- authenticates a bearer token (one indexed lookup of its digest) serves both kinds unchanged.
-- A token that never expires has expires_at 'infinity', not NULL: `expires_at > now()` (the
-- authenticating statements, the live channel) and `expires_at < now()` (the purge, with its
-- index from 0008) then stay correct and indexed as written. The API shows it as null.
ALTER TABLE archer_token
    ADD COLUMN kind text NOT NULL DEFAULT 'login',
    -- Personal tokens only: what the owner called it, its scopes, and the last four
    -- characters of its secret (to tell tokens apart). NULL scopes (login tokens) hold every
    -- scope. Scopes never change after creation, so processes may cache them by digest.
    ADD COLUMN name text,
    ADD COLUMN scopes text[],
    ADD COLUMN hint text,
    -- Written at most once a minute per token.
    ADD COLUMN last_used_at timestamptz,
    ADD CONSTRAINT archer_token_kind_check CHECK (
        (kind = 'login' AND name IS NULL AND scopes IS NULL AND hint IS NULL)
        OR (kind = 'personal' AND name IS NOT NULL AND scopes IS NOT NULL AND hint IS NOT NULL)
    ),
    ADD CONSTRAINT archer_token_name_check
        CHECK (char_length(name) BETWEEN 1 AND 100 AND name ~ '[^[:space:]]'),
    -- The contract's TokenScope values; `account` is never one of them.
    ADD CONSTRAINT archer_token_scopes_check CHECK (
        cardinality(scopes) BETWEEN 1 AND 8
        AND scopes <@ ARRAY['profile:read', 'profile:write', 'sessions:read', 'sessions:write',
                            'shots:write', 'equipment:read', 'equipment:write', 'stats:read']
    ),
    ADD CONSTRAINT archer_token_hint_check CHECK (hint ~ '^[A-Za-z0-9_-]{4}$');

-- An archer's personal tokens, newest first (listAccessTokens pages through this).
CREATE INDEX archer_token_personal_idx ON archer_token (archer_id, created_at DESC, id DESC)
    WHERE kind = 'personal';
