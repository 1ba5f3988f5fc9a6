-- Indexes of the history and analytics queries (issue 12).
CREATE INDEX shot_slot_points_idx ON shot (slot_id)
    INCLUDE (end_number, arrow_number, value, spot_x_mm, spot_y_mm, distance_m);
