CREATE TABLE `org_move_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `org_move_changes_org` ON `org_move_changes` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `org_placements` (
	`org_id` text PRIMARY KEY NOT NULL,
	`shard` text NOT NULL,
	`jurisdiction` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `org_placements_shard` ON `org_placements` (`shard`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `moved_to` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `moves` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Orgs that exist before shards live in `main` (this database). On a new shard database the
-- table of orgs is empty and this places nothing.
INSERT INTO `org_placements` (`org_id`, `shard`, `jurisdiction`, `created_at`)
  SELECT `id`, 'main', NULL, `created_at` FROM `orgs`;
