-- The public log's Merkle tree, its signed C2SP checkpoints and the witnesses' cosignatures on them are append-only,
-- like the entries and checkpoints they cover (0011): the database itself refuses to change or delete a row. A tree
-- only grows (tree-store.ts inserts each complete subtree's hash once, a log from before the tree included), a
-- checkpoint once signed is served and proved against as it is, and a cosignature is kept as its witness answered.
-- The witnesses' own state (public_log_witnesses) is updated on each attempt and stays as it is.
CREATE TRIGGER public_log_tree_hashes_append_only BEFORE UPDATE OR DELETE ON "public_log_tree_hashes"
  FOR EACH ROW EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_tree_hashes_no_truncate BEFORE TRUNCATE ON "public_log_tree_hashes"
  FOR EACH STATEMENT EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_tree_checkpoints_append_only BEFORE UPDATE OR DELETE ON "public_log_tree_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_tree_checkpoints_no_truncate BEFORE TRUNCATE ON "public_log_tree_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_cosignatures_append_only BEFORE UPDATE OR DELETE ON "public_log_cosignatures"
  FOR EACH ROW EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_cosignatures_no_truncate BEFORE TRUNCATE ON "public_log_cosignatures"
  FOR EACH STATEMENT EXECUTE FUNCTION docket_append_only();
