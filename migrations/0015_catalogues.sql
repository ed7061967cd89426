ALTER TABLE `orgs` ADD `role_catalogue` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `entitlement_catalogue` text;