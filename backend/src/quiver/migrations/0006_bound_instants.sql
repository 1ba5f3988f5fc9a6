-- Instants a client gives are bounded by the contract to the years 1900 to 2199 as written,
-- which after normalising any UTC offset (at most 14 hours) lies inside this window; dates of
-- birth to 1900 to 2099. Outside it PostgreSQL would store years and infinities that Python
-- and the API cannot render, so the database refuses them too. Values stored before the bound
-- existed are repaired first: an instant falls back to when its row was created, an
-- impossible date of birth is forgotten.
UPDATE practice_session SET start_time = created_at
WHERE NOT (start_time BETWEEN '1899-12-31 00:00:00+00' AND '2200-01-02 00:00:00+00');

UPDATE shot SET shot_at = created_at
WHERE NOT (shot_at BETWEEN '1899-12-31 00:00:00+00' AND '2200-01-02 00:00:00+00');

UPDATE archer SET date_of_birth = NULL
WHERE NOT (date_of_birth BETWEEN '1900-01-01' AND '2099-12-31');

ALTER TABLE practice_session ADD CONSTRAINT practice_session_start_time_check
    CHECK (start_time BETWEEN '1899-12-31 00:00:00+00' AND '2200-01-02 00:00:00+00');

ALTER TABLE shot ADD CONSTRAINT shot_shot_at_check
    CHECK (shot_at BETWEEN '1899-12-31 00:00:00+00' AND '2200-01-02 00:00:00+00');

ALTER TABLE archer ADD CONSTRAINT archer_date_of_birth_check
    CHECK (date_of_birth BETWEEN '1900-01-01' AND '2099-12-31');
