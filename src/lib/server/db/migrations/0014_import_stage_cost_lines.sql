CREATE TABLE `import_stage_cost_line` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`line_id` integer,
	`version` integer,
	`new_no` integer,
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
	`description` text NOT NULL,
	PRIMARY KEY(`run_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `import_stage_watch` (
	`run_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	PRIMARY KEY(`run_id`, `entity`, `entity_id`)
);
