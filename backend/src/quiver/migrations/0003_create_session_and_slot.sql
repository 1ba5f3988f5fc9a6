-- Practice sessions and the slots (lane + letter) archers occupy in them.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE practice_session (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    location text NOT NULL,
    is_indoor boolean NOT NULL,
    distance double precision NOT NULL,
    start_time timestamptz NOT NULL,
    is_opened boolean NOT NULL,
    closed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT practice_session_location_check
        CHECK (char_length(location) BETWEEN 1 AND 200 AND location ~ '[^[:space:]]'),
    CONSTRAINT practice_session_distance_check CHECK (distance > 0 AND distance <= 150),
    CONSTRAINT practice_session_closed_check CHECK (is_opened = (closed_at IS NULL))
);

CREATE INDEX practice_session_owner_idx
    ON practice_session (owner_archer_id, start_time DESC, id DESC);

CREATE TABLE slot (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES practice_session (id) ON DELETE CASCADE,
    archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    lane integer NOT NULL,
    letter text NOT NULL,
    distance double precision NOT NULL,
    distance_unit text NOT NULL,
    face_type text NOT NULL,
    arrows_per_end integer NOT NULL,
    round_code text,
    arrow_set_id uuid,
    bow_id uuid,
    -- Sequence number the next arrow gets; arrows keep theirs when others are deleted.
    next_seq integer NOT NULL DEFAULT 0,
    is_active boolean NOT NULL DEFAULT true,
    joined_at timestamptz NOT NULL DEFAULT now(),
    left_at timestamptz,
    CONSTRAINT slot_session_archer_key UNIQUE (session_id, archer_id),
    CONSTRAINT slot_lane_check CHECK (lane >= 1),
    CONSTRAINT slot_letter_check CHECK (letter IN ('A', 'B', 'C', 'D')),
    CONSTRAINT slot_distance_check CHECK (distance > 0 AND distance <= 150),
    CONSTRAINT slot_distance_unit_check CHECK (distance_unit IN ('m', 'yd')),
    CONSTRAINT slot_arrows_per_end_check CHECK (arrows_per_end BETWEEN 1 AND 10),
    CONSTRAINT slot_round_code_check CHECK (char_length(round_code) BETWEEN 1 AND 64),
    CONSTRAINT slot_next_seq_check CHECK (next_seq >= 0),
    CONSTRAINT slot_active_check CHECK (is_active = (left_at IS NULL)),
    CONSTRAINT slot_arrow_set_fkey FOREIGN KEY (archer_id, arrow_set_id)
        REFERENCES arrow_set (archer_id, id) ON DELETE SET NULL (arrow_set_id),
    CONSTRAINT slot_bow_fkey FOREIGN KEY (archer_id, bow_id)
        REFERENCES bow (archer_id, id) ON DELETE SET NULL (bow_id),
    -- Everyone on one lane shoots from the same distance.
    CONSTRAINT slot_lane_distance_excl EXCLUDE USING gist
        (session_id WITH =, lane WITH =, distance WITH <>) WHERE (is_active),
    CONSTRAINT slot_lane_unit_excl EXCLUDE USING gist
        (session_id WITH =, lane WITH =, distance_unit WITH <>) WHERE (is_active)
);

-- Two active archers never share a lane and letter.
CREATE UNIQUE INDEX slot_place_key ON slot (session_id, lane, letter) WHERE is_active;
CREATE INDEX slot_archer_id_idx ON slot (archer_id);
