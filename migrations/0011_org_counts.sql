CREATE TABLE `org_counts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`users` integer DEFAULT 0 NOT NULL,
	`teams` integer DEFAULT 0 NOT NULL,
	`users_removed` integer DEFAULT 0 NOT NULL,
	`teams_removed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `org_counts` (`org_id`, `users`, `teams`)
SELECT o.`id`,
  (SELECT count(*) FROM `users` u WHERE u.`org_id` = o.`id`),
  (SELECT count(*) FROM `teams` t WHERE t.`org_id` = o.`id`)
FROM `orgs` o;
--> statement-breakpoint
CREATE TRIGGER `org_counts_created` AFTER INSERT ON `orgs` BEGIN
  INSERT INTO `org_counts` (`org_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_counted` AFTER INSERT ON `users` BEGIN
  UPDATE `org_counts` SET `users` = `users` + 1 WHERE `org_id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_uncounted` AFTER DELETE ON `users` BEGIN
  UPDATE `org_counts` SET `users` = `users` - 1, `users_removed` = `users_removed` + 1
  WHERE `org_id` = OLD.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_counted` AFTER INSERT ON `teams` BEGIN
  UPDATE `org_counts` SET `teams` = `teams` + 1 WHERE `org_id` = NEW.`org_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_uncounted` AFTER DELETE ON `teams` BEGIN
  UPDATE `org_counts` SET `teams` = `teams` - 1, `teams_removed` = `teams_removed` + 1
  WHERE `org_id` = OLD.`org_id`;
END;
