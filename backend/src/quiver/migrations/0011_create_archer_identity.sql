-- Sign-in with an OpenID Connect provider. An archer's identity at a provider is the provider's
-- subject (`sub`), which never changes, unlike the email. An account created that way has no
-- password: NULL, which password login verifies against a decoy hash and refuses.
ALTER TABLE archer ALTER COLUMN password_hash DROP NOT NULL;

CREATE TABLE archer_identity (
    provider text NOT NULL,
    subject text NOT NULL,
    archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT archer_identity_pkey PRIMARY KEY (provider, subject),
    CONSTRAINT archer_identity_provider_check CHECK (provider ~ '^[a-z][a-z0-9_]{0,31}$'),
    CONSTRAINT archer_identity_subject_check CHECK (char_length(subject) BETWEEN 1 AND 255)
);

CREATE INDEX archer_identity_archer_id_idx ON archer_identity (archer_id);
