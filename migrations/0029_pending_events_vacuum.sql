-- pending_events is a queue: every row is inserted by a command and deleted by the sequencer's next pass, so after a
-- burst it is all dead rows, which each pass would walk (49 ms per pass after a bulk load, even with nothing
-- pending). Vacuum it after a few thousand deletions instead of after a fifth of a table that is usually empty.
ALTER TABLE "pending_events" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_cost_delay = 0);
