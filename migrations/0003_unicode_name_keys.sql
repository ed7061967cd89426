DROP INDEX `users_org_display_name`;--> statement-breakpoint
ALTER TABLE `users` ADD `display_name_key` text;--> statement-breakpoint
-- Backfill (hand-added): lower() is the new fold for every ASCII name; names with other characters
-- are re-keyed by their org's writer (repo/name-keys.ts), which reports collisions as events.
UPDATE `users` SET `display_name_key` = lower(`display_name`);--> statement-breakpoint
CREATE INDEX `users_org_display_name_key` ON `users` (`org_id`,`display_name_key`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `name_keys_version` integer DEFAULT 0 NOT NULL;
