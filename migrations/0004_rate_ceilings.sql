ALTER TABLE `orgs` ADD `max_reads_per_second` integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `max_writes_per_second` integer DEFAULT 200 NOT NULL;--> statement-breakpoint
-- Backfill (hand-added): no org loses a rate it already has; its ceiling starts at that rate.
UPDATE `orgs` SET `max_reads_per_second` = max(`max_reads_per_second`, `reads_per_second`), `max_writes_per_second` = max(`max_writes_per_second`, `writes_per_second`);
