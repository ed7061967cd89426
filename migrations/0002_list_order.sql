CREATE INDEX `teams_org_seq` ON `teams` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `users_org_seq` ON `users` (`org_id`,`seq`);