CREATE TABLE `oauth_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`jwks` text,
	`jwks_uri` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "oauth_clients_one_key_source" CHECK(("oauth_clients"."jwks" IS NULL) <> ("oauth_clients"."jwks_uri" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `oauth_clients_org` ON `oauth_clients` (`org_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `tokens` ADD `client_id` text;--> statement-breakpoint
CREATE INDEX `tokens_client` ON `tokens` (`client_id`,`expires_at`);