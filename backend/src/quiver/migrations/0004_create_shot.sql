-- Arrows: where they landed (or their called value) and the authoritative score.
CREATE TABLE shot (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slot_id uuid NOT NULL REFERENCES slot (id) ON DELETE CASCADE,
    seq integer NOT NULL,
    end_number integer NOT NULL,
    position integer NOT NULL,
    value smallint NOT NULL,
    value_label text NOT NULL,
    is_x boolean NOT NULL,
    max_value smallint NOT NULL,
    x_mm double precision,
    y_mm double precision,
    spot_index smallint,
    distance_mm double precision,
    -- Position relative to the centre of the spot that scored it, for group statistics.
    spot_x_mm double precision,
    spot_y_mm double precision,
    face_type text NOT NULL,
    arrow_diameter_mm double precision NOT NULL,
    distance_m double precision NOT NULL,
    arrow_number smallint,
    shot_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT shot_slot_seq_key UNIQUE (slot_id, seq),
    CONSTRAINT shot_slot_end_position_key UNIQUE (slot_id, end_number, position),
    CONSTRAINT shot_seq_check CHECK (seq >= 0),
    CONSTRAINT shot_end_number_check CHECK (end_number >= 1),
    CONSTRAINT shot_position_check CHECK (position BETWEEN 1 AND 10),
    CONSTRAINT shot_value_check CHECK (value BETWEEN 0 AND max_value),
    CONSTRAINT shot_max_value_check CHECK (max_value BETWEEN 1 AND 11),
    CONSTRAINT shot_value_label_check CHECK (
        value_label = CASE WHEN is_x THEN 'X' WHEN value = 0 THEN 'M' ELSE value::text END
    ),
    CONSTRAINT shot_plotted_check CHECK (
        (x_mm IS NULL) = (y_mm IS NULL)
        AND (x_mm IS NULL) = (distance_mm IS NULL)
        AND (spot_x_mm IS NULL) = (spot_y_mm IS NULL)
    ),
    CONSTRAINT shot_coordinates_check
        CHECK (x_mm BETWEEN -1500 AND 1500 AND y_mm BETWEEN -1500 AND 1500),
    CONSTRAINT shot_arrow_diameter_mm_check CHECK (arrow_diameter_mm > 0),
    CONSTRAINT shot_distance_m_check CHECK (distance_m > 0),
    CONSTRAINT shot_arrow_number_check CHECK (arrow_number BETWEEN 1 AND 99)
);

-- A retried request with the same key replays the stored response instead of writing again.
CREATE TABLE idempotency_key (
    scope uuid NOT NULL,
    key text NOT NULL,
    operation text NOT NULL,
    request_hash bytea NOT NULL,
    status_code smallint NOT NULL,
    response_body bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key),
    CONSTRAINT idempotency_key_key_check CHECK (char_length(key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_key_request_hash_check CHECK (octet_length(request_hash) = 32)
);

CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
