CREATE TABLE `events` (
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`resource_type` text,
	`resource_id` text,
	`token_id` text,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `seq`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "events_seq_positive" CHECK("events"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE `orgs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`default_team_id` text,
	`group_policy` text DEFAULT 'full' NOT NULL,
	`role_schema` text NOT NULL,
	`role_values` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`assigned_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `user_id`, `role`)
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`org_id` text NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `team_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `team_members_org_user` ON `team_members` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`display_name` text NOT NULL,
	`display_name_key` text NOT NULL,
	`external_id` text,
	`data` text NOT NULL,
	`member_count` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_org_id` ON `teams` (`org_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_org_display_name_key` ON `teams` (`org_id`,`display_name_key`);--> statement-breakpoint
CREATE INDEX `teams_org_external_id` ON `teams` (`org_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `teams_org_created` ON `teams` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `teams_org_updated` ON `teams` (`org_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text,
	`revoked_at` text,
	`last_used_at` text,
	`replaced_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tokens_org_kind` ON `tokens` (`org_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_secret_hash` ON `tokens` (`secret_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`user_name` text NOT NULL,
	`user_name_key` text NOT NULL,
	`external_id` text,
	`display_name` text,
	`active` integer DEFAULT true NOT NULL,
	`data` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_org_id` ON `users` (`org_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_org_user_name_key` ON `users` (`org_id`,`user_name_key`);--> statement-breakpoint
CREATE INDEX `users_org_external_id` ON `users` (`org_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `users_org_display_name` ON `users` (`org_id`,lower("display_name"));--> statement-breakpoint
CREATE INDEX `users_org_active` ON `users` (`org_id`,`active`,`seq`);--> statement-breakpoint
CREATE INDEX `users_org_created` ON `users` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `users_org_updated` ON `users` (`org_id`,`updated_at`);