CREATE TABLE `partner_budget` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`partner_organisation_id` integer NOT NULL,
	`financial_year` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_organisation_id`) REFERENCES `organisation`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "partner_budget_amount_ck" CHECK("partner_budget"."amount_pence" BETWEEN 0 AND 100000000000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_budget_year_uq` ON `partner_budget` (`organisation_id`,`financial_year`,`partner_organisation_id`);--> statement-breakpoint
DROP INDEX `recharge_partner_year_idx`;--> statement-breakpoint
CREATE INDEX `recharge_partner_year_idx` ON `recharge` (`organisation_id`,`partner_key`,`financial_year`,`spend_type`,`amount_pence`);