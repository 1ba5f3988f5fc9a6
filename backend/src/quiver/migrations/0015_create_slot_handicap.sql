-- Each slot's Archery GB handicap and classification (services/handicaps.py), computed with
-- archeryutils on first read and kept here, so the handicap progression does not run the
-- handicap maths for every slot on every read.
--
-- A row is valid while ``inputs_key`` equals the key of the slot's current inputs, which the
-- reading statement computes (models/handicap.py INPUTS_KEY): a digest of everything the result
-- depends on, that is the slot's round, face and distance, its running aggregate (arrows,
-- total, and the sums behind the group's spread), its session's start, the bowstyle of its
-- bow, the archer's bowstyle, gender and date of birth, and the version of the computation.
-- Any change to one of them makes the row stale, and the next read recomputes it: no trigger
-- is needed on the arrow, profile or session writes, so recording an arrow costs what it did.
CREATE TABLE slot_handicap (
    slot_id uuid PRIMARY KEY REFERENCES slot (id) ON DELETE CASCADE,
    inputs_key text NOT NULL,
    is_estimate boolean NOT NULL,
    -- The arrows the handicap rests on (the round's, or the plotted ones for an estimate).
    arrows integer NOT NULL,
    score integer,
    handicap integer,
    handicap_unavailable text,
    -- The contract's Classification object.
    classification jsonb,
    classification_unavailable text,
    missing_profile_fields text[] NOT NULL DEFAULT '{}',
    computed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT slot_handicap_handicap_check
        CHECK ((handicap IS NULL) <> (handicap_unavailable IS NULL)),
    CONSTRAINT slot_handicap_classification_check
        CHECK ((classification IS NULL) <> (classification_unavailable IS NULL))
);
