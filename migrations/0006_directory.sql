ALTER TABLE `events` ADD `actor` text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `previous` text;--> statement-breakpoint
CREATE INDEX `events_created` ON `events` (`created_at`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `event_retention_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `teams` ADD `source` text DEFAULT 'idp' NOT NULL;--> statement-breakpoint
-- Backfill (hand-added): earlier events name who acted only by token id; its row tells the kind.
UPDATE `events` SET `actor` = coalesce((SELECT `kind` FROM `tokens` WHERE `tokens`.`id` = `events`.`token_id`), 'app');
