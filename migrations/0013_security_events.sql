CREATE TABLE `set_acks` (
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`error` text,
	PRIMARY KEY(`org_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `set_feeds` (
	`org_id` text PRIMARY KEY NOT NULL,
	`acked_through` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `set_keys` (
	`kid` text PRIMARY KEY NOT NULL,
	`public_jwk` text NOT NULL,
	`private_sealed` text NOT NULL,
	`created_at` text NOT NULL
);
