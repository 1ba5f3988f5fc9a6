-- Running aggregates of each slot's arrows, so statistics, the leaderboard and live events
-- cost the same at arrow 20,000 as at arrow 1. Triggers keep them up to date in the very
-- statement that writes, changes or deletes arrows, whichever path it comes from (the batched
-- arrow writer, a re-plot, a delete, a cascade), with one statement per trigger whatever the
-- number of rows: for new arrows, an upsert of their ends and one UPDATE of each touched slot's
-- row. Sums are numeric: a float8 becomes the same numeric every time and numeric
-- addition is exact, so taking an arrow away subtracts exactly what adding it added, and the
-- rows always equal a recomputation from the arrows.

-- No arrow or slot is written while the triggers are created and the rows backfilled.
LOCK TABLE slot, shot IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE slot_aggregate (
    slot_id uuid PRIMARY KEY REFERENCES slot (id) ON DELETE CASCADE,
    arrows integer NOT NULL DEFAULT 0,
    -- Ends holding at least one arrow (the rows of slot_end_aggregate).
    ends integer NOT NULL DEFAULT 0,
    total integer NOT NULL DEFAULT 0,
    max_total integer NOT NULL DEFAULT 0,
    ten_count integer NOT NULL DEFAULT 0,
    -- Arrows per value label, in the histogram's order: X, 11, 10, ..., 1, M.
    value_counts integer[] NOT NULL DEFAULT array_fill(0, ARRAY[13]),
    -- Arrows with a position on their spot, and the sums behind the group figures: of the
    -- offsets in mm (x, y, x², y², xy), and of the offsets over the distance in m, that is
    -- the angles in milliradians.
    plotted integer NOT NULL DEFAULT 0,
    sum_x_mm numeric NOT NULL DEFAULT 0,
    sum_y_mm numeric NOT NULL DEFAULT 0,
    sum_xx_mm numeric NOT NULL DEFAULT 0,
    sum_yy_mm numeric NOT NULL DEFAULT 0,
    sum_xy_mm numeric NOT NULL DEFAULT 0,
    sum_x_mrad numeric NOT NULL DEFAULT 0,
    sum_y_mrad numeric NOT NULL DEFAULT 0,
    sum_xx_mrad numeric NOT NULL DEFAULT 0,
    sum_yy_mrad numeric NOT NULL DEFAULT 0,
    sum_xy_mrad numeric NOT NULL DEFAULT 0,
    CONSTRAINT slot_aggregate_counts_check CHECK (
        ends BETWEEN 0 AND arrows AND ten_count BETWEEN 0 AND arrows
        AND plotted BETWEEN 0 AND arrows AND total BETWEEN 0 AND max_total
    ),
    CONSTRAINT slot_aggregate_value_counts_check CHECK (
        cardinality(value_counts) = 13 AND 0 <= ALL (value_counts)
        AND value_counts[1] + value_counts[2] + value_counts[3] + value_counts[4]
            + value_counts[5] + value_counts[6] + value_counts[7] + value_counts[8]
            + value_counts[9] + value_counts[10] + value_counts[11] + value_counts[12]
            + value_counts[13] = arrows
    ),
    CONSTRAINT slot_aggregate_squares_check CHECK (
        sum_xx_mm >= 0 AND sum_yy_mm >= 0 AND sum_xx_mrad >= 0 AND sum_yy_mrad >= 0
    )
);

-- One row per end holding at least one arrow.
CREATE TABLE slot_end_aggregate (
    slot_id uuid NOT NULL REFERENCES slot (id) ON DELETE CASCADE,
    end_number integer NOT NULL,
    arrows integer NOT NULL,
    total integer NOT NULL,
    PRIMARY KEY (slot_id, end_number),
    -- 0 only inside the statement that takes an end's last arrow away, which deletes it.
    CONSTRAINT slot_end_aggregate_arrows_check CHECK (arrows >= 0 AND total >= 0)
);

-- The value labels in the order of slot_aggregate.value_counts.
CREATE FUNCTION slot_value_labels() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '{X,11,10,9,8,7,6,5,4,3,2,1,M}'::text[];

-- Adds (argument 1) or takes away (-1) the arrows of ``changed_shots``, the transition table
-- of the trigger calling it, in one statement per trigger; rows of deleted slots are left
-- alone (a cascade may delete them first). An UPDATE fires two triggers: one takes the old
-- rows away, then one adds the new.
CREATE FUNCTION slot_aggregate_shots_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    sign constant integer := TG_ARGV[0]::integer;
BEGIN
    WITH per_end AS (
        SELECT slot_id, end_number, sign * count(*)::int AS arrows,
            sign * sum(value)::int AS total
        FROM changed_shots GROUP BY slot_id, end_number
    ), grown AS (
        -- An end gaining arrows may be new (a check refuses a negative row even before it
        -- meets its conflict, so the arrows taken away go the other way).
        INSERT INTO slot_end_aggregate AS e (slot_id, end_number, arrows, total)
        SELECT slot_id, end_number, arrows, total FROM per_end WHERE sign > 0
        ON CONFLICT (slot_id, end_number) DO UPDATE
            SET arrows = e.arrows + excluded.arrows, total = e.total + excluded.total
        RETURNING e.slot_id, e.end_number, e.arrows
    ), shrunk AS (
        -- One losing arrows exists, unless a cascade deleting its slot got there first.
        UPDATE slot_end_aggregate e SET arrows = e.arrows + p.arrows, total = e.total + p.total
        FROM per_end p
        WHERE sign < 0 AND e.slot_id = p.slot_id AND e.end_number = p.end_number
        RETURNING e.slot_id, e.end_number, e.arrows
    ), end_counts AS (
        -- +1 for each end that was empty and is not, -1 for each that became empty.
        SELECT c.slot_id, sum((c.arrows > 0)::int - (c.arrows - p.arrows > 0)::int)::int AS ends
        FROM (SELECT * FROM grown UNION ALL SELECT * FROM shrunk) c
        JOIN per_end p ON p.slot_id = c.slot_id AND p.end_number = c.end_number
        GROUP BY c.slot_id
    ), per_slot AS (
        SELECT slot_id, sign * count(*)::int AS arrows, sign * sum(value)::int AS total,
            sign * sum(max_value)::int AS max_total,
            sign * count(*) FILTER (WHERE value >= 10)::int AS ten_count,
            ARRAY[
                sign * count(*) FILTER (WHERE value_label = 'X')::int,
                sign * count(*) FILTER (WHERE value_label = '11')::int,
                sign * count(*) FILTER (WHERE value_label = '10')::int,
                sign * count(*) FILTER (WHERE value_label = '9')::int,
                sign * count(*) FILTER (WHERE value_label = '8')::int,
                sign * count(*) FILTER (WHERE value_label = '7')::int,
                sign * count(*) FILTER (WHERE value_label = '6')::int,
                sign * count(*) FILTER (WHERE value_label = '5')::int,
                sign * count(*) FILTER (WHERE value_label = '4')::int,
                sign * count(*) FILTER (WHERE value_label = '3')::int,
                sign * count(*) FILTER (WHERE value_label = '2')::int,
                sign * count(*) FILTER (WHERE value_label = '1')::int,
                sign * count(*) FILTER (WHERE value_label = 'M')::int
            ] AS value_counts,
            sign * count(spot_x_mm)::int AS plotted,
            sign * coalesce(sum(x), 0) AS sum_x_mm, sign * coalesce(sum(y), 0) AS sum_y_mm,
            sign * coalesce(sum(x * x), 0) AS sum_xx_mm,
            sign * coalesce(sum(y * y), 0) AS sum_yy_mm,
            sign * coalesce(sum(x * y), 0) AS sum_xy_mm,
            sign * coalesce(sum(xa), 0) AS sum_x_mrad, sign * coalesce(sum(ya), 0) AS sum_y_mrad,
            sign * coalesce(sum(xa * xa), 0) AS sum_xx_mrad,
            sign * coalesce(sum(ya * ya), 0) AS sum_yy_mrad,
            sign * coalesce(sum(xa * ya), 0) AS sum_xy_mrad
        FROM changed_shots,
            LATERAL (SELECT spot_x_mm::numeric AS x, spot_y_mm::numeric AS y,
                (spot_x_mm / distance_m)::numeric AS xa,
                (spot_y_mm / distance_m)::numeric AS ya) AS exact
        GROUP BY slot_id
    )
    UPDATE slot_aggregate t SET arrows = t.arrows + s.arrows,
        ends = t.ends + coalesce(ec.ends, 0),
        total = t.total + s.total, max_total = t.max_total + s.max_total,
        ten_count = t.ten_count + s.ten_count,
        value_counts = ARRAY(
            SELECT kept + change
            FROM unnest(t.value_counts, s.value_counts) WITH ORDINALITY AS u (kept, change, i)
            ORDER BY i),
        plotted = t.plotted + s.plotted,
        sum_x_mm = t.sum_x_mm + s.sum_x_mm, sum_y_mm = t.sum_y_mm + s.sum_y_mm,
        sum_xx_mm = t.sum_xx_mm + s.sum_xx_mm, sum_yy_mm = t.sum_yy_mm + s.sum_yy_mm,
        sum_xy_mm = t.sum_xy_mm + s.sum_xy_mm,
        sum_x_mrad = t.sum_x_mrad + s.sum_x_mrad, sum_y_mrad = t.sum_y_mrad + s.sum_y_mrad,
        sum_xx_mrad = t.sum_xx_mrad + s.sum_xx_mrad, sum_yy_mrad = t.sum_yy_mrad + s.sum_yy_mrad,
        sum_xy_mrad = t.sum_xy_mrad + s.sum_xy_mrad
    FROM per_slot s LEFT JOIN end_counts ec ON ec.slot_id = s.slot_id
    WHERE t.slot_id = s.slot_id;

    IF sign < 0 THEN
        DELETE FROM slot_end_aggregate e USING changed_shots c
        WHERE e.slot_id = c.slot_id AND e.end_number = c.end_number AND e.arrows = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER shot_inserted_aggregate AFTER INSERT ON shot
    REFERENCING NEW TABLE AS changed_shots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_changed(1);

-- Triggers of one event fire in the order of their names: the old rows go first.
CREATE TRIGGER shot_updated_aggregate_1_old AFTER UPDATE ON shot
    REFERENCING OLD TABLE AS changed_shots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_changed('-1');

CREATE TRIGGER shot_updated_aggregate_2_new AFTER UPDATE ON shot
    REFERENCING NEW TABLE AS changed_shots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_changed(1);

CREATE TRIGGER shot_deleted_aggregate AFTER DELETE ON shot
    REFERENCING OLD TABLE AS changed_shots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_changed('-1');

-- TRUNCATE fires no DELETE trigger: it empties every slot.
CREATE FUNCTION slot_aggregate_shots_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM slot_end_aggregate;
    DELETE FROM slot_aggregate;
    INSERT INTO slot_aggregate (slot_id) SELECT id FROM slot;
    RETURN NULL;
END
$$;

CREATE TRIGGER shot_truncated_aggregate AFTER TRUNCATE ON shot
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_truncated();

-- Every slot has its row from the start, so arrows only ever update one.
CREATE FUNCTION slot_aggregate_slots_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO slot_aggregate (slot_id) SELECT id FROM new_slots;
    RETURN NULL;
END
$$;

CREATE TRIGGER slot_inserted_aggregate AFTER INSERT ON slot
    REFERENCING NEW TABLE AS new_slots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_slots_inserted();

-- The slots and arrows stored before this migration. This recomputation is what the triggers
-- keep equal to it (backend/tests/models/test_slot_aggregates.py checks the same).
INSERT INTO slot_aggregate (slot_id) SELECT id FROM slot;

INSERT INTO slot_end_aggregate (slot_id, end_number, arrows, total)
SELECT slot_id, end_number, count(*), sum(value) FROM shot GROUP BY slot_id, end_number;

UPDATE slot_aggregate t SET arrows = s.arrows, ends = s.ends, total = s.total,
    max_total = s.max_total, ten_count = s.ten_count,
    value_counts = ARRAY(
        SELECT coalesce((c.counts ->> l.label)::int, 0)
        FROM unnest(slot_value_labels()) WITH ORDINALITY AS l (label, i) ORDER BY l.i),
    plotted = s.plotted, sum_x_mm = s.sum_x_mm, sum_y_mm = s.sum_y_mm,
    sum_xx_mm = s.sum_xx_mm, sum_yy_mm = s.sum_yy_mm, sum_xy_mm = s.sum_xy_mm,
    sum_x_mrad = s.sum_x_mrad, sum_y_mrad = s.sum_y_mrad, sum_xx_mrad = s.sum_xx_mrad,
    sum_yy_mrad = s.sum_yy_mrad, sum_xy_mrad = s.sum_xy_mrad
FROM (
    SELECT slot_id, count(*) AS arrows, count(DISTINCT end_number) AS ends, sum(value) AS total,
        sum(max_value) AS max_total, count(*) FILTER (WHERE value >= 10) AS ten_count,
        count(spot_x_mm) AS plotted,
        coalesce(sum(x), 0) AS sum_x_mm, coalesce(sum(y), 0) AS sum_y_mm,
        coalesce(sum(x * x), 0) AS sum_xx_mm, coalesce(sum(y * y), 0) AS sum_yy_mm,
        coalesce(sum(x * y), 0) AS sum_xy_mm, coalesce(sum(xa), 0) AS sum_x_mrad,
        coalesce(sum(ya), 0) AS sum_y_mrad, coalesce(sum(xa * xa), 0) AS sum_xx_mrad,
        coalesce(sum(ya * ya), 0) AS sum_yy_mrad, coalesce(sum(xa * ya), 0) AS sum_xy_mrad
    FROM shot,
        LATERAL (SELECT spot_x_mm::numeric AS x, spot_y_mm::numeric AS y,
            (spot_x_mm / distance_m)::numeric AS xa,
            (spot_y_mm / distance_m)::numeric AS ya) AS exact
    GROUP BY slot_id
) s, (
    SELECT slot_id, jsonb_object_agg(value_label, arrows) AS counts
    FROM (SELECT slot_id, value_label, count(*) AS arrows FROM shot
          GROUP BY slot_id, value_label) labelled
    GROUP BY slot_id
) c
WHERE t.slot_id = s.slot_id AND c.slot_id = s.slot_id;

