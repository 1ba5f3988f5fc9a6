-- Rate limits shared by every process (sign-in: login and registration), one row per key:
-- the GCRA's theoretical arrival time (see core/ratelimit.py). A row whose tat has passed
-- holds a whole quota, the same as no row; housekeeping deletes those.
--
-- Unlogged: the state is disposable, and a check then writes no WAL and waits for no fsync
-- (measured on the embedded server: 0.6 ms a check, against 1.1 to 4.3 ms logged). A crash,
-- or a fail-over to a replica, empties the table, which hands every key a whole quota.
--
-- The key is the SHA-256 of "<policy>:<subject>", so neither the emails people type (a
-- password typed into the email field among them) nor client addresses are stored. tat is
-- not indexed, so that the update of every check can stay a HOT update; housekeeping scans
-- the table, which holds only the keys seen within the longest window.
CREATE UNLOGGED TABLE rate_limit (
    key bytea PRIMARY KEY,
    tat timestamptz NOT NULL,
    -- The verdict of the last check: the one statement that checks returns it.
    allowed boolean NOT NULL,
    CONSTRAINT rate_limit_key_check CHECK (octet_length(key) = 32)
);
