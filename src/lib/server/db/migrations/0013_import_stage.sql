CREATE TABLE `import_stage_audit` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`n` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	PRIMARY KEY(`run_id`, `seq`, `n`)
);
--> statement-breakpoint
CREATE TABLE `import_stage_change` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`system_id` integer,
	`version` integer,
	`new_no` integer,
	`updates_fields` integer DEFAULT 0 NOT NULL,
	`moves_directorate` integer DEFAULT 0 NOT NULL,
	`name` text,
	`description` text,
	`supplier` text,
	`product` text,
	`hosting` text,
	`business_owner` text,
	`technical_owner` text,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`user_count` integer,
	`annual_run_cost_pence` integer,
	`contract_start` text,
	`contract_end` text,
	`contract_notice` text,
	`criticality` text,
	`statutory_duties` text,
	`personal_data` text,
	`lifecycle` text,
	`directorate_id` integer,
	`service_area_id` integer,
	`external_ref` text,
	`directorate_name` text,
	`review_no` integer,
	`reviewed_on` text,
	`reviewer` text,
	`review_status` text,
	`outcome_count` integer,
	`outcome_flags` integer,
	PRIMARY KEY(`run_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX `import_stage_change_system_idx` ON `import_stage_change` (`run_id`,`system_id`);--> statement-breakpoint
CREATE TABLE `import_stage_link` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`note` text NOT NULL,
	PRIMARY KEY(`run_id`, `seq`, `workstream_id`)
);
--> statement-breakpoint
CREATE TABLE `import_stage_outcome` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`outcome` text NOT NULL,
	`rationale` text NOT NULL,
	`status` text NOT NULL,
	`target_date` text,
	`workstream_id` integer,
	PRIMARY KEY(`run_id`, `seq`, `outcome`)
);
--> statement-breakpoint
CREATE TABLE `import_stage_run` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`upload_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
