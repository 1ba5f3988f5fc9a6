-- Running aggregates of each slot's arrows, so statistics, the leaderboard and live events
-- cost the same at arrow 20,000 as at arrow 1. Triggers keep them up to date in the very
-- statement that writes, changes or deletes arrows, whichever path it comes from (the batched
-- arrow writer, a re-plot, a delete, a cascade), with one statement per trigger whatever the
-- number of rows: for new arrows, an upsert of their ends and one UPDATE of each touched slot's
-- row. Sums are numeric: a float8 becomes the same numeric every time and numeric
-- addition is exact, so taking an arrow away subtracts exactly what adding it added, and the
-- rows always equal a recomputation from the arrows.
--
-- New arrows are the hot path (every arrow POST), so they have their own trigger function,
-- which can only add, and the row keeps only what is read: the histogram as one integer
-- column per value label (no array to rebuild), and for the group figures the sums of x, y,
-- x², y² and xy (the mean, the spread in x and y and the radial spread, and the covariance the
-- group's ellipse needs), in mm and in mrad. The row has no
-- CHECK constraints: the UPDATE of every new arrow would evaluate them, at about a third of
-- what the trigger costs (measured per statement); backend/tests/models/test_slot_aggregates.py
-- compares the rows, exactly, with a recomputation from the arrows instead.

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
    -- Arrows per value label (arrows_x for X, arrows_m for M), in the histogram's order.
    arrows_x integer NOT NULL DEFAULT 0,
    arrows_11 integer NOT NULL DEFAULT 0,
    arrows_10 integer NOT NULL DEFAULT 0,
    arrows_9 integer NOT NULL DEFAULT 0,
    arrows_8 integer NOT NULL DEFAULT 0,
    arrows_7 integer NOT NULL DEFAULT 0,
    arrows_6 integer NOT NULL DEFAULT 0,
    arrows_5 integer NOT NULL DEFAULT 0,
    arrows_4 integer NOT NULL DEFAULT 0,
    arrows_3 integer NOT NULL DEFAULT 0,
    arrows_2 integer NOT NULL DEFAULT 0,
    arrows_1 integer NOT NULL DEFAULT 0,
    arrows_m integer NOT NULL DEFAULT 0,
    -- Arrows with a position on their spot, and the sums behind the group figures: of the
    -- offsets in mm (x, y, x², y², xy), and of the offsets over the distance in m, that is the
    -- angles in milliradians.
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
    sum_xy_mrad numeric NOT NULL DEFAULT 0
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

-- New arrows (``new_shots``, the transition table of the INSERT trigger): their ends are
-- upserted, and each touched slot's row updated once. An end is new when it holds just the
-- arrows added. Only adds: no sign, no branch for arrows taken away.
CREATE FUNCTION slot_aggregate_shots_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH per_end AS (
        SELECT slot_id, end_number, count(*)::int AS arrows, sum(value)::int AS total
        FROM new_shots GROUP BY slot_id, end_number
    ), grown AS (
        INSERT INTO slot_end_aggregate AS e (slot_id, end_number, arrows, total)
        SELECT slot_id, end_number, arrows, total FROM per_end
        ON CONFLICT (slot_id, end_number) DO UPDATE
            SET arrows = e.arrows + excluded.arrows, total = e.total + excluded.total
        RETURNING e.slot_id, e.end_number, e.arrows
    ), new_ends AS (
        SELECT g.slot_id, count(*)::int AS ends FROM grown g
        JOIN per_end p ON p.slot_id = g.slot_id AND p.end_number = g.end_number
        WHERE g.arrows = p.arrows GROUP BY g.slot_id
    ), per_slot AS (
        SELECT slot_id, count(*)::int AS arrows, sum(value)::int AS total,
            sum(max_value)::int AS max_total,
            count(*) FILTER (WHERE value >= 10)::int AS ten_count,
            count(*) FILTER (WHERE value_label = 'X')::int AS arrows_x,
            count(*) FILTER (WHERE value_label = '11')::int AS arrows_11,
            count(*) FILTER (WHERE value_label = '10')::int AS arrows_10,
            count(*) FILTER (WHERE value_label = '9')::int AS arrows_9,
            count(*) FILTER (WHERE value_label = '8')::int AS arrows_8,
            count(*) FILTER (WHERE value_label = '7')::int AS arrows_7,
            count(*) FILTER (WHERE value_label = '6')::int AS arrows_6,
            count(*) FILTER (WHERE value_label = '5')::int AS arrows_5,
            count(*) FILTER (WHERE value_label = '4')::int AS arrows_4,
            count(*) FILTER (WHERE value_label = '3')::int AS arrows_3,
            count(*) FILTER (WHERE value_label = '2')::int AS arrows_2,
            count(*) FILTER (WHERE value_label = '1')::int AS arrows_1,
            count(*) FILTER (WHERE value_label = 'M')::int AS arrows_m,
            count(spot_x_mm)::int AS plotted,
            coalesce(sum(x), 0) AS sum_x_mm, coalesce(sum(y), 0) AS sum_y_mm,
            coalesce(sum(x * x), 0) AS sum_xx_mm,
            coalesce(sum(y * y), 0) AS sum_yy_mm,
            coalesce(sum(x * y), 0) AS sum_xy_mm,
            coalesce(sum(xa), 0) AS sum_x_mrad, coalesce(sum(ya), 0) AS sum_y_mrad,
            coalesce(sum(xa * xa), 0) AS sum_xx_mrad,
            coalesce(sum(ya * ya), 0) AS sum_yy_mrad,
            coalesce(sum(xa * ya), 0) AS sum_xy_mrad
        FROM new_shots, LATERAL (SELECT spot_x_mm::numeric AS x, spot_y_mm::numeric AS y,
                (spot_x_mm / distance_m)::numeric AS xa,
                (spot_y_mm / distance_m)::numeric AS ya) AS exact
        GROUP BY slot_id
    )
    UPDATE slot_aggregate t SET arrows = t.arrows + s.arrows,
        ends = t.ends + coalesce(n.ends, 0),
        total = t.total + s.total, max_total = t.max_total + s.max_total,
        ten_count = t.ten_count + s.ten_count,
        arrows_x = t.arrows_x + s.arrows_x, arrows_11 = t.arrows_11 + s.arrows_11,
        arrows_10 = t.arrows_10 + s.arrows_10, arrows_9 = t.arrows_9 + s.arrows_9,
        arrows_8 = t.arrows_8 + s.arrows_8, arrows_7 = t.arrows_7 + s.arrows_7,
        arrows_6 = t.arrows_6 + s.arrows_6, arrows_5 = t.arrows_5 + s.arrows_5,
        arrows_4 = t.arrows_4 + s.arrows_4, arrows_3 = t.arrows_3 + s.arrows_3,
        arrows_2 = t.arrows_2 + s.arrows_2, arrows_1 = t.arrows_1 + s.arrows_1,
        arrows_m = t.arrows_m + s.arrows_m,
        plotted = t.plotted + s.plotted,
        sum_x_mm = t.sum_x_mm + s.sum_x_mm, sum_y_mm = t.sum_y_mm + s.sum_y_mm,
        sum_xx_mm = t.sum_xx_mm + s.sum_xx_mm, sum_yy_mm = t.sum_yy_mm + s.sum_yy_mm,
        sum_xy_mm = t.sum_xy_mm + s.sum_xy_mm,
        sum_x_mrad = t.sum_x_mrad + s.sum_x_mrad, sum_y_mrad = t.sum_y_mrad + s.sum_y_mrad,
        sum_xx_mrad = t.sum_xx_mrad + s.sum_xx_mrad, sum_yy_mrad = t.sum_yy_mrad + s.sum_yy_mrad,
        sum_xy_mrad = t.sum_xy_mrad + s.sum_xy_mrad
    FROM per_slot s LEFT JOIN new_ends n ON n.slot_id = s.slot_id
    WHERE t.slot_id = s.slot_id;
    RETURN NULL;
END
$$;

-- Adds (argument 1) or takes away (-1) the arrows of ``changed_shots``, the transition table
-- of the trigger calling it (a re-plot or a delete: rare), in one statement per trigger; rows
-- of deleted slots are left alone (a cascade may delete them first). An UPDATE fires two
-- triggers: one takes the old rows away, then one adds the new.
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
            sign * count(*) FILTER (WHERE value_label = 'X')::int AS arrows_x,
            sign * count(*) FILTER (WHERE value_label = '11')::int AS arrows_11,
            sign * count(*) FILTER (WHERE value_label = '10')::int AS arrows_10,
            sign * count(*) FILTER (WHERE value_label = '9')::int AS arrows_9,
            sign * count(*) FILTER (WHERE value_label = '8')::int AS arrows_8,
            sign * count(*) FILTER (WHERE value_label = '7')::int AS arrows_7,
            sign * count(*) FILTER (WHERE value_label = '6')::int AS arrows_6,
            sign * count(*) FILTER (WHERE value_label = '5')::int AS arrows_5,
            sign * count(*) FILTER (WHERE value_label = '4')::int AS arrows_4,
            sign * count(*) FILTER (WHERE value_label = '3')::int AS arrows_3,
            sign * count(*) FILTER (WHERE value_label = '2')::int AS arrows_2,
            sign * count(*) FILTER (WHERE value_label = '1')::int AS arrows_1,
            sign * count(*) FILTER (WHERE value_label = 'M')::int AS arrows_m,
            sign * count(spot_x_mm)::int AS plotted,
            sign * coalesce(sum(x), 0) AS sum_x_mm, sign * coalesce(sum(y), 0) AS sum_y_mm,
            sign * coalesce(sum(x * x), 0) AS sum_xx_mm,
            sign * coalesce(sum(y * y), 0) AS sum_yy_mm,
            sign * coalesce(sum(x * y), 0) AS sum_xy_mm,
            sign * coalesce(sum(xa), 0) AS sum_x_mrad, sign * coalesce(sum(ya), 0) AS sum_y_mrad,
            sign * coalesce(sum(xa * xa), 0) AS sum_xx_mrad,
            sign * coalesce(sum(ya * ya), 0) AS sum_yy_mrad,
            sign * coalesce(sum(xa * ya), 0) AS sum_xy_mrad
        FROM changed_shots, LATERAL (SELECT spot_x_mm::numeric AS x, spot_y_mm::numeric AS y,
                (spot_x_mm / distance_m)::numeric AS xa,
                (spot_y_mm / distance_m)::numeric AS ya) AS exact
        GROUP BY slot_id
    )
    UPDATE slot_aggregate t SET arrows = t.arrows + s.arrows,
        ends = t.ends + coalesce(ec.ends, 0),
        total = t.total + s.total, max_total = t.max_total + s.max_total,
        ten_count = t.ten_count + s.ten_count,
        arrows_x = t.arrows_x + s.arrows_x, arrows_11 = t.arrows_11 + s.arrows_11,
        arrows_10 = t.arrows_10 + s.arrows_10, arrows_9 = t.arrows_9 + s.arrows_9,
        arrows_8 = t.arrows_8 + s.arrows_8, arrows_7 = t.arrows_7 + s.arrows_7,
        arrows_6 = t.arrows_6 + s.arrows_6, arrows_5 = t.arrows_5 + s.arrows_5,
        arrows_4 = t.arrows_4 + s.arrows_4, arrows_3 = t.arrows_3 + s.arrows_3,
        arrows_2 = t.arrows_2 + s.arrows_2, arrows_1 = t.arrows_1 + s.arrows_1,
        arrows_m = t.arrows_m + s.arrows_m,
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
    REFERENCING NEW TABLE AS new_shots
    FOR EACH STATEMENT EXECUTE FUNCTION slot_aggregate_shots_inserted();

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
    arrows_x = s.arrows_x, arrows_11 = s.arrows_11, arrows_10 = s.arrows_10,
    arrows_9 = s.arrows_9, arrows_8 = s.arrows_8, arrows_7 = s.arrows_7, arrows_6 = s.arrows_6,
    arrows_5 = s.arrows_5, arrows_4 = s.arrows_4, arrows_3 = s.arrows_3, arrows_2 = s.arrows_2,
    arrows_1 = s.arrows_1, arrows_m = s.arrows_m,
    plotted = s.plotted, sum_x_mm = s.sum_x_mm, sum_y_mm = s.sum_y_mm,
    sum_xx_mm = s.sum_xx_mm, sum_yy_mm = s.sum_yy_mm,
    sum_xy_mm = s.sum_xy_mm,
    sum_x_mrad = s.sum_x_mrad, sum_y_mrad = s.sum_y_mrad,
    sum_xx_mrad = s.sum_xx_mrad, sum_yy_mrad = s.sum_yy_mrad,
    sum_xy_mrad = s.sum_xy_mrad
FROM (
    SELECT slot_id, count(*)::int AS arrows, count(DISTINCT end_number)::int AS ends,
        sum(value)::int AS total, sum(max_value)::int AS max_total,
        count(*) FILTER (WHERE value >= 10)::int AS ten_count,
        count(*) FILTER (WHERE value_label = 'X')::int AS arrows_x,
        count(*) FILTER (WHERE value_label = '11')::int AS arrows_11,
        count(*) FILTER (WHERE value_label = '10')::int AS arrows_10,
        count(*) FILTER (WHERE value_label = '9')::int AS arrows_9,
        count(*) FILTER (WHERE value_label = '8')::int AS arrows_8,
        count(*) FILTER (WHERE value_label = '7')::int AS arrows_7,
        count(*) FILTER (WHERE value_label = '6')::int AS arrows_6,
        count(*) FILTER (WHERE value_label = '5')::int AS arrows_5,
        count(*) FILTER (WHERE value_label = '4')::int AS arrows_4,
        count(*) FILTER (WHERE value_label = '3')::int AS arrows_3,
        count(*) FILTER (WHERE value_label = '2')::int AS arrows_2,
        count(*) FILTER (WHERE value_label = '1')::int AS arrows_1,
        count(*) FILTER (WHERE value_label = 'M')::int AS arrows_m,
        count(spot_x_mm)::int AS plotted,
        coalesce(sum(x), 0) AS sum_x_mm, coalesce(sum(y), 0) AS sum_y_mm,
        coalesce(sum(x * x), 0) AS sum_xx_mm,
        coalesce(sum(y * y), 0) AS sum_yy_mm,
        coalesce(sum(x * y), 0) AS sum_xy_mm,
        coalesce(sum(xa), 0) AS sum_x_mrad, coalesce(sum(ya), 0) AS sum_y_mrad,
        coalesce(sum(xa * xa), 0) AS sum_xx_mrad,
        coalesce(sum(ya * ya), 0) AS sum_yy_mrad,
        coalesce(sum(xa * ya), 0) AS sum_xy_mrad
    FROM shot, LATERAL (SELECT spot_x_mm::numeric AS x, spot_y_mm::numeric AS y,
            (spot_x_mm / distance_m)::numeric AS xa,
            (spot_y_mm / distance_m)::numeric AS ya) AS exact
    GROUP BY slot_id
) s
WHERE t.slot_id = s.slot_id;
