CREATE TABLE `user_emails` (
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`value_key` text NOT NULL,
	PRIMARY KEY(`org_id`, `value_key`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `user_emails_org_user` ON `user_emails` (`org_id`,`user_id`);--> statement-breakpoint
-- Backfill (hand-added): the same rows the write path keeps (repo/user-emails.ts).
INSERT OR IGNORE INTO `user_emails` (`org_id`, `user_id`, `value_key`)
  SELECT u.`org_id`, u.`id`, lower(json_extract(e.value, '$.value')) FROM `users` AS u, json_each(u.`data`, '$.emails') AS e
  WHERE json_type(e.value, '$.value') = 'text';
