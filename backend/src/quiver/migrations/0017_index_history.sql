-- The history's analytics (heatmap, per-arrow ranking, group over many sessions) read a few
-- columns of every arrow of an archer's chosen slots. Through the plain (slot_id, seq) index
-- each arrow costs a heap fetch, so the planner reads the whole shot table instead, every
-- archer's arrows (scripts/bench/progress_bench.py: 300,000 rows read for one archer's
-- 50,000 plotted on one face).
--
-- The unique (slot_id, seq) index becomes covering: it carries the columns those queries
-- read, so they are answered by an index-only scan of the archer's slots alone. Widening the
-- index the constraint already has, rather than adding a second one on slot_id, keeps an
-- arrow's INSERT at three index insertions. The price: the index is about 1.8 times as large
-- (22 MB instead of 12 MB for 300,000 arrows), and an UPDATE changing one of these columns (a
-- re-plot, a renumbered arrow; rare) is no longer HOT. The slots are found by the slot
-- (archer_id) index of migration 0003, and the summary and the history list read
-- slot_aggregate by its primary key: no other index is needed at 100,000 arrows.
ALTER TABLE shot
    DROP CONSTRAINT shot_slot_seq_key,
    ADD CONSTRAINT shot_slot_seq_key UNIQUE (slot_id, seq)
        INCLUDE (end_number, arrow_number, value, spot_x_mm, spot_y_mm, distance_m);
