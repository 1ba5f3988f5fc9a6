-- Archer accounts and their bearer tokens. Constraints mirror the contract's schemas.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE archer (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email citext NOT NULL,
    password_hash text NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    bowstyle text NOT NULL,
    draw_weight_lb double precision NOT NULL,
    date_of_birth date,
    gender text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT archer_email_key UNIQUE (email),
    CONSTRAINT archer_email_check
        CHECK (char_length(email) BETWEEN 3 AND 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT archer_first_name_check
        CHECK (char_length(first_name) BETWEEN 1 AND 100 AND first_name ~ '[^[:space:]]'),
    CONSTRAINT archer_last_name_check
        CHECK (char_length(last_name) BETWEEN 1 AND 100 AND last_name ~ '[^[:space:]]'),
    CONSTRAINT archer_bowstyle_check
        CHECK (bowstyle IN ('recurve', 'compound', 'barebow', 'longbow')),
    CONSTRAINT archer_draw_weight_lb_check CHECK (draw_weight_lb > 0 AND draw_weight_lb <= 120),
    CONSTRAINT archer_gender_check
        CHECK (gender IN ('female', 'male', 'non_binary', 'other', 'unspecified'))
);

CREATE TABLE archer_token (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT archer_token_token_hash_key UNIQUE (token_hash),
    CONSTRAINT archer_token_token_hash_check CHECK (octet_length(token_hash) = 32),
    CONSTRAINT archer_token_expiry_check CHECK (expires_at > created_at)
);

CREATE INDEX archer_token_archer_id_idx ON archer_token (archer_id);
