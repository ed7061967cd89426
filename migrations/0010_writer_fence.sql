CREATE TABLE `write_fence` (
	`ok` integer NOT NULL,
	CONSTRAINT "writer_fenced" CHECK("write_fence"."ok" = 1)
);
--> statement-breakpoint
ALTER TABLE `orgs` ADD `commit_seq` integer DEFAULT 0 NOT NULL;