ALTER TABLE `orgs` ADD `reads_per_second` integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `writes_per_second` integer DEFAULT 200 NOT NULL;