CREATE TABLE `cost_funding_total` (
	`organisation_id` integer NOT NULL,
	`funding_source_key` integer NOT NULL,
	`financial_year` text NOT NULL,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`line_count` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `funding_source_key`, `financial_year`, `spend_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cost_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`system_id` integer,
	`outcome` text,
	`workstream_id` integer,
	`directorate_id` integer,
	`financial_year` text NOT NULL,
	`spend_type` text NOT NULL,
	`category` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`confidence` text NOT NULL,
	`funding_source_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstream`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`directorate_id`) REFERENCES `directorate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source_id`) REFERENCES `funding_source`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "cost_line_attached_ck" CHECK("cost_line"."system_id" IS NOT NULL OR ("cost_line"."workstream_id" IS NOT NULL AND "cost_line"."outcome" IS NULL AND "cost_line"."directorate_id" IS NULL)),
	CONSTRAINT "cost_line_amount_ck" CHECK("cost_line"."amount_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `cost_line_org_system_idx` ON `cost_line` (`organisation_id`,`system_id`,`financial_year`);--> statement-breakpoint
CREATE INDEX `cost_line_org_workstream_idx` ON `cost_line` (`organisation_id`,`workstream_id`,`financial_year`);--> statement-breakpoint
CREATE INDEX `cost_line_funding_idx` ON `cost_line` (`funding_source_id`);--> statement-breakpoint
CREATE TABLE `cost_total` (
	`organisation_id` integer NOT NULL,
	`workstream_key` integer NOT NULL,
	`directorate_key` integer NOT NULL,
	`outcome_key` text NOT NULL,
	`financial_year` text NOT NULL,
	`spend_type` text NOT NULL,
	`confidence` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`line_count` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `workstream_key`, `directorate_key`, `outcome_key`, `financial_year`, `spend_type`, `confidence`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `funding_allocation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`funding_source_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`amount_pence` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`funding_source_id`) REFERENCES `funding_source`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funding_allocation_source_year_uq` ON `funding_allocation` (`funding_source_id`,`financial_year`);--> statement-breakpoint
CREATE INDEX `funding_allocation_org_year_idx` ON `funding_allocation` (`organisation_id`,`financial_year`);--> statement-breakpoint
CREATE TABLE `funding_source` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`spend_type` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `funding_source_org_name_uq` ON `funding_source` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `milestone` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`workstream_id` integer,
	`system_id` integer,
	`outcome` text,
	`kind` text NOT NULL,
	`planned_date` text NOT NULL,
	`forecast_date` text,
	`actual_date` text,
	`note` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstream`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestone_attached_ck" CHECK(("milestone"."workstream_id" IS NULL) <> ("milestone"."system_id" IS NULL) AND ("milestone"."outcome" IS NULL OR "milestone"."system_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `milestone_org_kind_idx` ON `milestone` (`organisation_id`,`kind`,`archived_at`);--> statement-breakpoint
CREATE INDEX `milestone_org_workstream_idx` ON `milestone` (`organisation_id`,`workstream_id`);--> statement-breakpoint
CREATE INDEX `milestone_org_system_idx` ON `milestone` (`organisation_id`,`system_id`);--> statement-breakpoint
ALTER TABLE `organisation` ADD `default_cost_per_user_hour_pence` integer DEFAULT 1300 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisation` ADD `cost_per_user_hour_basis` text DEFAULT '£26,000 an hour lost across 2,000 users' NOT NULL;--> statement-breakpoint
ALTER TABLE `system` ADD `concurrent_users` integer;--> statement-breakpoint
ALTER TABLE `system` ADD `outage_minutes_per_year` integer;--> statement-breakpoint
ALTER TABLE `system` ADD `cost_per_user_hour_pence` integer;--> statement-breakpoint
CREATE INDEX `system_org_lifecycle_cost_idx` ON `system` (`organisation_id`,`lifecycle`,`annual_run_cost_pence`);--> statement-breakpoint
CREATE INDEX `system_org_outage_idx` ON `system` (`organisation_id`,`concurrent_users`);