DROP INDEX `team_members_org_user`;--> statement-breakpoint
CREATE INDEX `team_members_org_user_team` ON `team_members` (`org_id`,`user_id`,`team_id`);