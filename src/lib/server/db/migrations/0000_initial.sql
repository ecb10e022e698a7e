CREATE TABLE `directorate` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directorate_org_name_uq` ON `directorate` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_slug_uq` ON `organisation` (`slug`);--> statement-breakpoint
CREATE TABLE `service_area` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`directorate_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`directorate_id`) REFERENCES `directorate`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_area_dir_name_uq` ON `service_area` (`directorate_id`,`name`);--> statement-breakpoint
CREATE INDEX `service_area_org_idx` ON `service_area` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `system` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`directorate_id` integer,
	`service_area_id` integer,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`supplier` text DEFAULT '' NOT NULL,
	`product` text DEFAULT '' NOT NULL,
	`hosting` text NOT NULL,
	`business_owner` text DEFAULT '' NOT NULL,
	`technical_owner` text DEFAULT '' NOT NULL,
	`user_count` integer,
	`annual_run_cost_pence` integer,
	`contract_start` text,
	`contract_end` text,
	`contract_notice` text,
	`criticality` text NOT NULL,
	`statutory_duties` text DEFAULT '' NOT NULL,
	`personal_data` text NOT NULL,
	`lifecycle` text DEFAULT 'live' NOT NULL,
	`external_ref` text,
	`review_status` text DEFAULT 'not_reviewed' NOT NULL,
	`outcome_count` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`directorate_id`) REFERENCES `directorate`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_area_id`) REFERENCES `service_area`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `system_org_ref_uq` ON `system` (`organisation_id`,`external_ref`);--> statement-breakpoint
CREATE INDEX `system_org_name_idx` ON `system` (`organisation_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_supplier_idx` ON `system` (`organisation_id`,`supplier`,`id`);--> statement-breakpoint
CREATE INDEX `system_org_hosting_idx` ON `system` (`organisation_id`,`hosting`,`name`);--> statement-breakpoint
CREATE INDEX `system_org_criticality_idx` ON `system` (`organisation_id`,`criticality`,`name`);--> statement-breakpoint
CREATE INDEX `system_org_contract_end_idx` ON `system` (`organisation_id`,`contract_end`);--> statement-breakpoint
CREATE INDEX `system_org_directorate_idx` ON `system` (`organisation_id`,`directorate_id`,`name`);--> statement-breakpoint
CREATE INDEX `system_org_review_status_idx` ON `system` (`organisation_id`,`review_status`,`name`);--> statement-breakpoint
CREATE INDEX `system_org_updated_idx` ON `system` (`organisation_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `system_workstream` (
	`organisation_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`system_id`, `workstream_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstream`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `system_workstream_ws_idx` ON `system_workstream` (`workstream_id`,`system_id`);--> statement-breakpoint
CREATE TABLE `workstream` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`lead` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workstream_org_name_uq` ON `workstream` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `review` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`reviewed_on` text NOT NULL,
	`reviewer` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`is_current` integer DEFAULT true NOT NULL,
	`superseded_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_system_idx` ON `review` (`system_id`,`is_current`);--> statement-breakpoint
CREATE INDEX `review_org_idx` ON `review` (`organisation_id`,`is_current`);--> statement-breakpoint
CREATE TABLE `review_outcome` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`review_id` integer NOT NULL,
	`system_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`rationale` text NOT NULL,
	`status` text NOT NULL,
	`target_date` text,
	`workstream_id` integer,
	`is_current` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `review`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `system`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstream`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_outcome_review_idx` ON `review_outcome` (`review_id`);--> statement-breakpoint
CREATE INDEX `review_outcome_system_idx` ON `review_outcome` (`system_id`,`is_current`,`outcome`);--> statement-breakpoint
CREATE INDEX `review_outcome_org_idx` ON `review_outcome` (`organisation_id`,`is_current`,`outcome`,`system_id`);--> statement-breakpoint
CREATE INDEX `review_outcome_ws_idx` ON `review_outcome` (`workstream_id`);