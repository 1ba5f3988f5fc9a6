-- Shooting distances lie between 1 and 150 in their unit (the contract's SessionDistance and
-- SlotDistance; every standard round shoots from 4 m to 100 yd). A distance such as 1e-20 m
-- turned group spreads into milliradians of 1e21, or overflowed them. Distances stored before
-- the bound existed are raised to 1 (the rows of one lane rise together, so the lane keeps a
-- single distance: its exclusion constraint is rebuilt around the repair, because it is
-- checked row by row).
ALTER TABLE slot DROP CONSTRAINT slot_lane_distance_excl;

UPDATE practice_session SET distance = 1 WHERE distance < 1;

UPDATE slot SET distance = 1 WHERE distance < 1;

UPDATE shot sh SET distance_m = CASE sl.distance_unit WHEN 'yd' THEN 0.9144 ELSE 1 END
FROM slot sl
WHERE sl.id = sh.slot_id AND sh.distance_m < 0.9144;

ALTER TABLE slot ADD CONSTRAINT slot_lane_distance_excl EXCLUDE USING gist
    (session_id WITH =, lane WITH =, distance WITH <>) WHERE (is_active);

ALTER TABLE practice_session DROP CONSTRAINT practice_session_distance_check,
    ADD CONSTRAINT practice_session_distance_check CHECK (distance BETWEEN 1 AND 150);

ALTER TABLE slot DROP CONSTRAINT slot_distance_check,
    ADD CONSTRAINT slot_distance_check CHECK (distance BETWEEN 1 AND 150);

-- In metres: 1 yd is 0.9144 m, 150 yd 137.16 m.
ALTER TABLE shot DROP CONSTRAINT shot_distance_m_check,
    ADD CONSTRAINT shot_distance_m_check CHECK (distance_m BETWEEN 0.9144 AND 150);

-- Keys every process of one deployment shares, made by the first process that needs them
-- (random, never configured): a cursor signed by one worker is valid on every other, and
-- across restarts. To rotate one, delete its row and restart every process: what the old key
-- signed is then refused.
CREATE TABLE deployment_secret (
    name text PRIMARY KEY,
    secret bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deployment_secret_name_check CHECK (name ~ '^[a-z][a-z_]*$'),
    CONSTRAINT deployment_secret_secret_check CHECK (octet_length(secret) >= 32)
);
