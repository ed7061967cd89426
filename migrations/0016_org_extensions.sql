CREATE TABLE `user_extension_values` (
	`org_id` text NOT NULL,
	`attr_key` text NOT NULL,
	`value_key` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`org_id`, `attr_key`, `value_key`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `user_extension_values_org_user` ON `user_extension_values` (`org_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `orgs` ADD `extensions` text;