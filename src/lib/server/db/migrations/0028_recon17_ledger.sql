CREATE TABLE `ledger_extract` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`financial_years` text NOT NULL,
	`line_count` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ledger_extract_partner_idx` ON `ledger_extract` (`organisation_id`,`partner_organisation_id`);--> statement-breakpoint
CREATE TABLE `ledger_line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`extract_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`row_number` integer NOT NULL,
	`cost_centre_code` text NOT NULL,
	`financial_year` text NOT NULL,
	`posting_date` text,
	`spend_type` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`extract_id`) REFERENCES `ledger_extract`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_line_amount_ck" CHECK("ledger_line"."amount_pence" BETWEEN -100000000000 AND 100000000000)
);
--> statement-breakpoint
CREATE INDEX `ledger_line_partner_year_idx` ON `ledger_line` (`organisation_id`,`partner_organisation_id`,`financial_year`);--> statement-breakpoint
CREATE INDEX `ledger_line_extract_idx` ON `ledger_line` (`extract_id`);--> statement-breakpoint
CREATE TABLE `reconciliation_setting` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`tolerance_pence` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reconciliation_tolerance_ck" CHECK("reconciliation_setting"."tolerance_pence" BETWEEN 0 AND 100000000)
);
